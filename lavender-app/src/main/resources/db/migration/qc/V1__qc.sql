-- Quality control (clinical reference §6): control lots, their target mean and SD per test and analyzer, the rule
-- set per test, every control value with the Westgard evaluation made when it arrived, runs, violations, QC
-- messages that could not be filed, lockouts of a test on an analyzer and the corrective actions that end them.
-- analyzer = '' is a manual method (a value entered by hand with no analyzer), as results reports it (null).

create table qc.control_lot (
    id              bigserial   primary key,
    lot_number      text        not null unique,
    material        text        not null,
    manufacturer    text,
    level           text        not null,
    expires_on      date        not null,
    open_vial_days  int         check (open_vial_days > 0),
    vial_opened_on  date,
    created_at      timestamptz not null,
    created_by      text        not null,
    version         int         not null default 0
);

-- MANUFACTURER: the insert's mean and SD; PROVISIONAL: used until the lab's first 20 values replace them (LAB).
create table qc.target (
    id          bigserial   primary key,
    lot_id      bigint      not null references qc.control_lot (id),
    test_code   text        not null,
    analyzer    text        not null,
    unit        text        not null,
    mean        numeric     not null check (mean <> 0),
    sd          numeric     not null check (sd > 0),
    source      text        not null check (source in ('MANUFACTURER', 'PROVISIONAL', 'LAB')),
    updated_at  timestamptz not null,
    updated_by  text        not null,
    unique (lot_id, test_code, analyzer)
);
create index target_series_idx on qc.target (test_code, analyzer);

create table qc.rule_set (
    test_code   text        primary key,
    rules       text        not null,
    sigma       numeric,
    updated_at  timestamptz not null,
    updated_by  text        not null
);

-- A run: the control values of one test on one analyzer measured together (see QcRuns for the grouping).
create table qc.run (
    id          bigserial   primary key,
    test_code   text        not null,
    analyzer    text        not null,
    started_at  timestamptz not null,
    status      text        not null check (status in ('ACCEPTED', 'WARNING', 'REJECTED')),
    rules       text
);
create index run_series_idx on qc.run (test_code, analyzer, started_at desc, id desc);

create table qc.value (
    id           bigserial        primary key,
    run_id       bigint           not null references qc.run (id),
    lot_id       bigint           not null references qc.control_lot (id),
    target_id    bigint           not null references qc.target (id),
    test_code    text             not null,
    analyzer     text             not null,
    value        numeric          not null,
    unit         text             not null,
    mean         numeric          not null,
    sd           numeric          not null,
    z            double precision not null,
    outcome      text             not null check (outcome in ('ACCEPTED', 'WARNING', 'REJECTED')),
    evaluation   text             not null,
    observed_at  timestamptz      not null,
    recorded_at  timestamptz      not null,
    recorded_by  text             not null,
    source       text             not null check (source in ('ANALYZER', 'MANUAL')),
    source_ref   bigint           unique,
    comment      text
);
create index value_series_idx on qc.value (test_code, analyzer, observed_at desc, id desc);
create index value_lot_idx on qc.value (lot_id, test_code, analyzer, observed_at);
create index value_run_idx on qc.value (run_id);

create table qc.violation (
    id         bigserial primary key,
    value_id   bigint    not null references qc.value (id),
    run_id     bigint    not null references qc.run (id),
    rule       text      not null,
    severity   text      not null check (severity in ('WARNING', 'REJECT')),
    detail     text      not null,
    value_ids  bigint[]  not null
);
create index violation_value_idx on qc.violation (value_id);
create index violation_run_idx on qc.violation (run_id);

-- QC sent by an analyzer that could not be filed (unknown lot, expired lot, wrong unit, no target...): kept with
-- the reason until someone files it again after fixing the cause.
create table qc.unfiled (
    id               bigserial   primary key,
    source_ref       bigint      unique,
    raw_message_id   bigint,
    analyzer         text        not null,
    control_id       text,
    test_code        text,
    instrument_code  text,
    value_text       text,
    unit             text,
    observed_at      timestamptz not null,
    received_at      timestamptz not null,
    reason           text        not null,
    filed_value_id   bigint      references qc.value (id)
);
create index unfiled_open_idx on qc.unfiled (id desc) where filed_value_id is null;

-- A test on an analyzer out of control from a rejected run until an accepted run after it AND a corrective
-- action. since = start of the last accepted run before the rejection (null: none), from when patient results
-- are held; released_run_at = start of the accepted run that ended it.
create table qc.lockout (
    id               bigserial   primary key,
    test_code        text        not null,
    analyzer         text        not null,
    since            timestamptz,
    rejected_run_id  bigint      not null references qc.run (id),
    rejected_at      timestamptz not null,
    detail           text        not null,
    released_run_id  bigint      references qc.run (id),
    released_run_at  timestamptz,
    released_at      timestamptz
);
create unique index lockout_open_idx on qc.lockout (test_code, analyzer) where released_run_id is null;
create index lockout_series_idx on qc.lockout (test_code, analyzer, rejected_at desc);

create table qc.corrective_action (
    id            bigserial   primary key,
    lockout_id    bigint      not null references qc.lockout (id),
    action        text        not null,
    performed_by  text        not null,
    recorded_at   timestamptz not null,
    recorded_by   text        not null
);
create index corrective_action_lockout_idx on qc.corrective_action (lockout_id, id);
