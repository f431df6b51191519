-- The test catalog: bench sections, container types, tests (analytes coded with LOINC, units in UCUM), panels
-- and versioned reference intervals with critical limits. Only the catalog module reads these tables.

create table catalog.section (
    code                      text primary key check (code ~ '^[A-Z]{2,10}$'),
    name                      text    not null,
    -- May the technologist who entered a result also verify it (single-person release)?
    self_verification_allowed boolean not null,
    sort_order                int     not null
);

-- Tubes and cups. draw_order follows CLSI GP41 (blood culture, citrate, serum, heparin, EDTA, fluoride);
-- containers that are not drawn from a vein (urine cups, swabs) sort after all tubes.
create table catalog.container_type (
    code           text primary key check (code ~ '^[A-Z0-9_-]{2,12}$'),
    name           text          not null,
    cap_colour     text          not null,
    colour_hex     text          not null check (colour_hex ~ '^#[0-9A-Fa-f]{6}$'),
    additive       text          not null,
    draw_volume_ml numeric(5, 1) check (draw_volume_ml > 0),
    specimen_type  text          not null,
    draw_order     int           not null
);

create table catalog.test (
    id               bigserial primary key,
    code             text    not null unique check (code ~ '^[A-Z0-9_-]{1,16}$'),
    loinc            text    not null unique check (loinc ~ '^[0-9]{1,7}-[0-9]$'),
    name             text    not null check (length(trim(name)) > 0),
    section_code     text    not null references catalog.section (code),
    result_type      text    not null check (result_type in ('NUMERIC', 'CODED', 'TEXT')),
    unit             text,
    decimals         int     check (decimals between 0 and 6),
    specimen_type    text    not null,
    container_code   text    not null references catalog.container_type (code),
    answers          text[]  not null default '{}',
    abnormal_answers text[]  not null default '{}',
    -- Calculated tests (anion gap, eGFR, LDL-C) are computed by the results module from their inputs and
    -- are not ordered on their own.
    calculated       boolean not null default false,
    orderable        boolean not null default true,
    active           boolean not null default true,
    -- Incremented on every edit; an edit form carries the version it was read at (optimistic locking).
    version          int     not null default 1,
    check (result_type <> 'NUMERIC' or (unit is not null and decimals is not null)),
    check (result_type <> 'CODED' or cardinality(answers) > 0),
    check (abnormal_answers <@ answers),
    check (not (calculated and orderable))
);
create index test_section on catalog.test (section_code, code);

create table catalog.panel (
    id      bigserial primary key,
    code    text    not null unique check (code ~ '^[A-Z0-9_-]{1,16}$'),
    loinc   text    not null unique check (loinc ~ '^[0-9]{1,7}-[0-9]$'),
    name    text    not null,
    active  boolean not null default true,
    version int     not null default 1
);

create table catalog.panel_member (
    panel_id bigint not null references catalog.panel (id),
    test_id  bigint not null references catalog.test (id),
    position int    not null,
    primary key (panel_id, test_id),
    unique (panel_id, position)
);

-- Reference intervals and critical limits, one row per version of a band. A band is keyed by test, sex
-- ('M', 'F' or 'A' = any) and an age range in days: age_from_days is INCLUSIVE and age_to_days is EXCLUSIVE
-- (null = no upper limit), so 0–5844 covers birth up to (not including) the 16th birthday and a following band
-- 5844–null starts exactly there. effective_from is inclusive, effective_to exclusive (null = still in effect).
-- Results record the id of the row they were flagged with, so a row is never deleted or changed in place:
-- an edit end-dates the row and inserts its successor (superseded_by links them).
create table catalog.reference_interval (
    id                 bigserial primary key,
    test_id            bigint        not null references catalog.test (id),
    sex                char(1)       not null check (sex in ('M', 'F', 'A')),
    age_from_days      int           not null default 0 check (age_from_days >= 0),
    age_to_days        int           check (age_to_days > age_from_days),
    low                numeric(12, 4),
    high               numeric(12, 4),
    critical_low       numeric(12, 4),
    critical_high      numeric(12, 4),
    -- true when the source states critical limits as ≤/≥ (e.g. chloride ≤75/≥121, lactate ≥3.5).
    critical_inclusive boolean       not null default false,
    unit               text          not null,
    effective_from     timestamptz   not null default now(),
    effective_to       timestamptz,
    superseded_by      bigint references catalog.reference_interval (id),
    ended_by           text,
    end_reason         text,
    created_by         text          not null default 'system',
    created_at         timestamptz   not null default now(),
    reason             text          not null default 'starter catalog',
    check (low is null or high is null or low <= high),
    check (critical_low is null or critical_high is null or critical_low < critical_high),
    check (critical_low is null or low is null or critical_low <= low),
    check (critical_high is null or high is null or critical_high >= high),
    check (low is not null or high is not null or critical_low is not null or critical_high is not null),
    check (effective_to is null or effective_to > effective_from),
    check ((effective_to is null) = (end_reason is null) and (end_reason is null) = (ended_by is null))
);
create index reference_interval_test on catalog.reference_interval (test_id, effective_from);

-- Only the end date and the successor link may be set, once; everything a result may refer to stays as it was.
create function catalog.reference_interval_guard() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'catalog.reference_interval rows are never deleted; end-date them instead';
    end if;
    if (old.test_id, old.sex, old.age_from_days, old.age_to_days, old.low, old.high, old.critical_low,
        old.critical_high, old.critical_inclusive, old.unit, old.effective_from, old.created_by, old.created_at,
        old.reason)
       is distinct from
       (new.test_id, new.sex, new.age_from_days, new.age_to_days, new.low, new.high, new.critical_low,
        new.critical_high, new.critical_inclusive, new.unit, new.effective_from, new.created_by, new.created_at,
        new.reason) then
        raise exception 'catalog.reference_interval % is a recorded version: create a new one instead', old.id;
    end if;
    if old.effective_to is not null and new.effective_to is distinct from old.effective_to then
        raise exception 'catalog.reference_interval % is already end-dated', old.id;
    end if;
    if old.end_reason is not null and (new.end_reason, new.ended_by) is distinct from (old.end_reason, old.ended_by) then
        raise exception 'catalog.reference_interval % is already end-dated', old.id;
    end if;
    if old.superseded_by is not null and new.superseded_by is distinct from old.superseded_by then
        raise exception 'catalog.reference_interval % is already superseded', old.id;
    end if;
    return new;
end
$$;

create trigger reference_interval_versioned
    before update or delete on catalog.reference_interval
    for each row execute function catalog.reference_interval_guard();
