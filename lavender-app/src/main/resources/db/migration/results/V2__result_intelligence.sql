-- Result intelligence (clinical reference §1, §3, §4, §5): calculated tests, delta checks, critical-value calls
-- and autoverification. Rules a lab configures are rows here; the evaluators are small pure classes.

-- Which calculator fills which catalog test (code or LOINC). A calculated test is computed when all its inputs
-- on the same specimen have a value; the row is created then if the order did not already bring it (a panel such
-- as the lipid panel includes LDL) and add_when_computable is set (eGFR with every adult creatinine, NKF/ASN 2021).
create table results.calculation (
    calculator          text    primary key,
    output_test         text    not null,
    add_when_computable boolean not null default false,
    enabled             boolean not null default true
);
create unique index calculation_output_idx on results.calculation (output_test) where enabled;
insert into results.calculation (calculator, output_test, add_when_computable, enabled) values
    ('EGFR_CKD_EPI_2021_CR',     '98979-8', true,  true),
    ('EGFR_CKD_EPI_2021_CR_CYS', '98980-6', true,  true),
    ('ANION_GAP',                '10466-1', true,  true),
    ('ANION_GAP_K',              '1863-0',  false, true),
    ('LDL_FRIEDEWALD',           '13457-7', false, true),
    -- Same output as Friedewald: a lab switches equations by enabling one and disabling the other.
    ('LDL_SAMPSON',              '13457-7', false, false),
    ('NON_HDL',                  '43396-1', false, true),
    ('GLOBULIN',                 '10834-0', false, true),
    ('AG_RATIO',                 '1759-0',  false, true),
    ('BUN_CREATININE',           '3097-3',  false, true);

-- Delta check rules (CLSI EP33): against the patient's previous released result of the same test collected
-- within the window; fires only when |change| > limit. Starter limits of clinical reference §4.
create table results.delta_rule (
    test_code    text    primary key,
    method       text    not null check (method in ('ABSOLUTE', 'PERCENT', 'RATE_PER_DAY')),
    limit_value  numeric not null check (limit_value > 0),
    window_hours int     not null check (window_hours > 0)
);
insert into results.delta_rule (test_code, method, limit_value, window_hours) values
    ('CREA', 'PERCENT',  50,  72),
    ('HGB',  'ABSOLUTE', 3,   48),
    ('MCV',  'ABSOLUTE', 3,   168),
    ('K',    'ABSOLUTE', 1.0, 24),
    ('NA',   'ABSOLUTE', 8,   72),
    ('PLT',  'PERCENT',  50,  72);

-- The outcome of the last evaluation, kept with the result: delta (with the previous value shown beside it)
-- and autoverification (RELEASED / HELD / OFF with the reasons it was held).
alter table results.result
    add column delta_text           text,
    add column delta_failed         boolean,
    add column delta_previous_value text,
    add column delta_previous_at    timestamptz,
    add column autoverification     text check (autoverification in ('RELEASED', 'HELD', 'OFF')),
    add column held_reasons         text;

-- Every autoverification rule evaluated for a result version, in rule order, with its outcome (CLSI AUTO10:
-- each decision is recorded with the rule-set version and the inputs it looked at).
create table results.rule_outcome (
    result_id      bigint      not null references results.result (id),
    result_version int         not null,
    position       int         not null,
    rule_set       text        not null,
    rule           text        not null,
    passed         boolean     not null,
    detail         text        not null,
    evaluated_at   timestamptz not null,
    primary key (result_id, result_version, position)
);

-- Where autoverification is on: a section ('SECTION', 'CHEM') or one test ('TEST', 'K'); a test row beats its
-- section's row; no row means off. The demo profile switches on CHEM and HEME at start-up.
create table results.autoverification_scope (
    scope_type text        not null check (scope_type in ('SECTION', 'TEST')),
    code       text        not null,
    enabled    boolean     not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    primary key (scope_type, code)
);

-- Per-test autoverification limits and specimen stability. Without a row the limits are the reference interval
-- widened by half its width on each side (never beyond the critical limits, which hold anyway).
create table results.autoverification_test (
    test_code       text primary key,
    low             numeric,
    high            numeric,
    stability_hours int check (stability_hours > 0),
    check (low is null or high is null or low < high)
);
-- Anion gap has no reference interval in the starter catalog: a plausibility range so normal gaps can release
-- (starter value; a lab validates its own before go-live, CLSI AUTO10).
insert into results.autoverification_test (test_code, low, high, stability_hours) values ('AGAP', 3, 20, null);

-- Critical value notification (CLIA 42 CFR 493.1291(g)): one call task per critical result, due within the
-- lab's deadline; overdue tasks escalate.
create table results.critical_call (
    id             bigserial   primary key,
    result_id      bigint      not null references results.result (id),
    patient_id     bigint      not null,
    accession      text        not null,
    test_name      text        not null,
    value_text     text        not null,
    unit           text,
    interpretation text        not null,
    detected_at    timestamptz not null,
    deadline       timestamptz not null,
    status         text        not null check (status in ('OPEN', 'OVERDUE', 'DONE')),
    escalated_at   timestamptz,
    completed_at   timestamptz,
    completed_by   text
);
create unique index critical_call_open_idx on results.critical_call (result_id) where status <> 'DONE';
create index critical_call_queue_idx on results.critical_call (status, deadline, id);

-- The call log: each attempt, failed or successful, with who called whom, where, and whether the receiver read
-- the result back (CAP/Joint Commission NPSG.02.03.01 read-back).
create table results.critical_call_attempt (
    id          bigserial   primary key,
    call_id     bigint      not null references results.critical_call (id),
    called_at   timestamptz not null,
    called_by   text        not null,
    recipient   text        not null,
    contact     text        not null,
    reached     boolean     not null,
    read_back   boolean,
    note        text,
    check (not reached or read_back is not null)
);
create index critical_call_attempt_idx on results.critical_call_attempt (call_id, id);
