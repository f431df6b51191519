-- Verification queue: optional second (medical) verification per section, rerun/dilution requests, coded comments.

-- A section that requires a second verification: a result becomes final only when a second, different verifier
-- signs after the first (technical) verification, which autoverification may give. No row means one verification.
create table results.section_policy (
    section             text        primary key,
    second_verification boolean     not null,
    updated_at          timestamptz not null,
    updated_by          text        not null
);

alter table results.result
    add column first_verified_at  timestamptz,
    add column first_verified_by  text,
    -- The latest request to rerun or dilute the specimen: the value went back to the bench (kept as a revision).
    add column rerun_request      text,
    add column rerun_requested_at timestamptz,
    add column rerun_requested_by text;

-- Result comments from a coded list (shown as a picker; free text can follow the coded text).
create table results.comment_code (
    code   text    primary key check (code ~ '^[A-Z0-9]{2,12}$'),
    text   text    not null check (length(text) between 1 and 300),
    active boolean not null default true
);
insert into results.comment_code (code, text) values
    ('HEMO',   'Specimen hemolyzed: result may be falsely increased (potassium, LD, AST) or decreased.'),
    ('ICT',    'Specimen icteric: bilirubin may interfere with this result.'),
    ('LIP',    'Specimen lipemic: result may be affected by turbidity.'),
    ('CLOT',   'Clot detected in the specimen: result may be falsely decreased.'),
    ('DIL',    'Result obtained on a diluted specimen; the dilution factor is applied.'),
    ('RPT',    'Result repeated and confirmed.'),
    ('QNS',    'Quantity not sufficient for repeat testing.'),
    ('OLD',    'Specimen received after the stability limit for this test; interpret with caution.'),
    ('CALLED', 'Critical result called and read back.'),
    ('IVCONT', 'Possible IV fluid contamination; recollection recommended.');
