-- Equipment: assets, maintenance schedules and sign-offs, calibrations, temperature logs, downtime,
-- reagents, lots, units loaded on analyzers and the reagent lot used for each result.

create table equipment.asset (
    id              bigserial primary key,
    tag             varchar(40)  not null,
    name            varchar(100) not null,
    kind            varchar(20)  not null,
    manufacturer    varchar(100),
    model           varchar(100),
    serial_number   varchar(100) not null,
    location        varchar(100),
    analyzer_name   varchar(100),
    min_celsius     numeric(6, 2),
    max_celsius     numeric(6, 2),
    runs            bigint       not null default 0,
    active          boolean      not null default true,
    version         int          not null default 0,
    created_at      timestamptz  not null default now(),
    check ((min_celsius is null) = (max_celsius is null)),
    check (min_celsius is null or min_celsius < max_celsius)
);
create unique index asset_tag on equipment.asset (lower(tag));
create unique index asset_serial on equipment.asset (lower(coalesce(manufacturer, '')), lower(serial_number));
create unique index asset_analyzer on equipment.asset (lower(analyzer_name)) where analyzer_name is not null;

create table equipment.maintenance_schedule (
    id              bigserial primary key,
    asset_id        bigint       not null references equipment.asset,
    title           varchar(200) not null,
    frequency       varchar(10)  not null,
    every           int          not null check (every > 0),
    checklist       text[]       not null,
    starts_on       date         not null,
    runs_at_start   bigint       not null,
    active          boolean      not null default true,
    created_at      timestamptz  not null
);
create index maintenance_schedule_asset on equipment.maintenance_schedule (asset_id);

create table equipment.maintenance_record (
    id              bigserial primary key,
    schedule_id     bigint       not null references equipment.maintenance_schedule,
    asset_id        bigint       not null references equipment.asset,
    performed_at    timestamptz  not null,
    performed_by    varchar(100) not null,
    runs_at         bigint       not null,
    checked         text[]       not null,
    comment         text
);
create index maintenance_record_schedule on equipment.maintenance_record (schedule_id, performed_at desc);
create index maintenance_record_asset on equipment.maintenance_record (asset_id, id desc);

create table equipment.calibration_plan (
    id              bigserial primary key,
    asset_id        bigint       not null references equipment.asset,
    test_code       varchar(40),
    interval_days   int          not null check (interval_days > 0),
    first_due_on    date         not null,
    active          boolean      not null default true,
    created_at      timestamptz  not null
);
create unique index calibration_plan_scope on equipment.calibration_plan (asset_id, coalesce(test_code, '*'));

create table equipment.calibration_record (
    id              bigserial primary key,
    plan_id         bigint       not null references equipment.calibration_plan,
    asset_id        bigint       not null references equipment.asset,
    performed_at    timestamptz  not null,
    performed_by    varchar(100) not null,
    result          varchar(4)   not null check (result in ('PASS', 'FAIL')),
    calibrator_lot  varchar(60),
    comment         text
);
create index calibration_record_plan on equipment.calibration_record (plan_id, performed_at desc);
create index calibration_record_asset on equipment.calibration_record (asset_id, id desc);

create table equipment.temperature_reading (
    id                bigserial primary key,
    asset_id          bigint       not null references equipment.asset,
    recorded_at       timestamptz  not null,
    value             numeric(6, 2) not null,
    unit              varchar(10)  not null,
    celsius           numeric(6, 2) not null,
    min_celsius       numeric(6, 2) not null,
    max_celsius       numeric(6, 2) not null,
    in_range          boolean      not null,
    recorded_by       varchar(100) not null,
    comment           text,
    corrective_action text,
    action_by         varchar(100),
    action_at         timestamptz
);
create index temperature_reading_asset on equipment.temperature_reading (asset_id, id desc);
create index temperature_reading_open on equipment.temperature_reading (id)
    where not in_range and corrective_action is null;

create table equipment.downtime (
    id              bigserial primary key,
    asset_id        bigint       not null references equipment.asset,
    started_at      timestamptz  not null,
    reason          text         not null,
    started_by      varchar(100) not null,
    ended_at        timestamptz,
    ended_by        varchar(100),
    resolution      text,
    check (ended_at is null or ended_at >= started_at)
);
create unique index downtime_open on equipment.downtime (asset_id) where ended_at is null;
create index downtime_asset on equipment.downtime (asset_id, id desc);

create table equipment.reagent (
    id              bigserial primary key,
    name            varchar(100) not null,
    manufacturer    varchar(100),
    catalog_number  varchar(60),
    test_codes      text[]       not null,
    tests_per_unit  int          not null check (tests_per_unit > 0),
    unit_name       varchar(20)  not null,
    onboard_days    int          check (onboard_days > 0),
    storage         varchar(100),
    reorder_point   int          not null check (reorder_point >= 0),
    created_at      timestamptz  not null
);
create unique index reagent_name on equipment.reagent (lower(name));

create table equipment.reagent_lot (
    id              bigserial primary key,
    reagent_id      bigint       not null references equipment.reagent,
    lot_number      varchar(60)  not null,
    expires_on      date         not null,
    storage         varchar(100),
    units_received  int          not null check (units_received > 0),
    units_unopened  int          not null check (units_unopened >= 0),
    received_at     timestamptz  not null,
    received_by     varchar(100) not null,
    unique (reagent_id, lot_number)
);

create table equipment.reagent_in_use (
    id              bigserial primary key,
    lot_id          bigint       not null references equipment.reagent_lot,
    reagent_id      bigint       not null references equipment.reagent,
    asset_id        bigint       not null references equipment.asset,
    opened_at       timestamptz  not null,
    opened_by       varchar(100) not null,
    stable_until    timestamptz  not null,
    tests_left      int          not null check (tests_left >= 0),
    removed_at      timestamptz,
    removed_by      varchar(100),
    removed_reason  text
);
create unique index reagent_in_use_loaded on equipment.reagent_in_use (reagent_id, asset_id) where removed_at is null;

-- The reagent lot in use when a result was filed; one row per filing (a re-run uses reagent again).
create table equipment.result_reagent (
    id               bigserial primary key,
    result_id        bigint       not null,
    specimen_id      bigint       not null,
    test_code        varchar(40)  not null,
    filed_at         timestamptz  not null,
    asset_id         bigint       not null references equipment.asset,
    reagent_id       bigint       not null references equipment.reagent,
    lot_id           bigint       not null references equipment.reagent_lot,
    in_use_id        bigint       not null references equipment.reagent_in_use,
    beyond_stability boolean      not null,
    unique (result_id, filed_at, reagent_id)
);
create index result_reagent_result on equipment.result_reagent (result_id);
