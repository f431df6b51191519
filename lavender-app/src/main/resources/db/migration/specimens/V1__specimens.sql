-- One row per tube (or aliquot). The accession is what the label's Code 128 barcode carries.
create table specimens.specimen (
    id                bigint generated always as identity primary key,
    accession         text        not null unique,
    order_id          bigint      not null,
    patient_id        bigint      not null,
    priority          text        not null check (priority in ('STAT', 'ASAP', 'ROUTINE')),
    container_code    text        not null,
    specimen_type     text        not null,
    section           text        not null,
    status            text        not null check (status in ('ORDERED', 'COLLECTED', 'RECEIVED', 'REJECTED', 'CANCELLED')),
    created_at        timestamptz not null,
    collected_at      timestamptz,
    collected_by      text,
    received_at       timestamptz,
    received_by       text,
    rejection_reason  text,
    rejection_comment text,
    rejected_at       timestamptz,
    rejected_by       text,
    parent_id         bigint references specimens.specimen (id),
    replaces_id       bigint references specimens.specimen (id),
    version           bigint      not null default 0,
    constraint collected_fields check ((collected_at is null) = (collected_by is null)),
    constraint received_fields check (status <> 'RECEIVED' or received_at is not null),
    constraint rejected_fields check (status <> 'REJECTED' or (rejection_reason is not null and rejected_at is not null))
);

create index specimen_order_idx on specimens.specimen (order_id);
create index specimen_patient_idx on specimens.specimen (patient_id, id desc);
create index specimen_status_idx on specimens.specimen (status, id desc);
create index specimen_section_idx on specimens.specimen (section, id desc);
-- A rejected tube is recollected at most once (the new tube points back at it).
create unique index specimen_replaces_idx on specimens.specimen (replaces_id) where replaces_id is not null;
create index specimen_parent_idx on specimens.specimen (parent_id) where parent_id is not null;

-- The tests a tube serves. 'moved' = moved to an aliquot; 'cancelled' = its order item was cancelled.
create table specimens.specimen_test (
    id            bigint generated always as identity primary key,
    specimen_id   bigint not null references specimens.specimen (id),
    order_item_id bigint not null,
    test_code     text   not null,
    status        text   not null default 'active' check (status in ('active', 'cancelled', 'moved'))
);

create index specimen_test_specimen_idx on specimens.specimen_test (specimen_id);
create index specimen_test_item_idx on specimens.specimen_test (order_item_id);

-- Per-day accession sequence (day in the lab's zone); the row lock serialises numbering within a day.
create table specimens.accession_day (
    day      date    primary key,
    last_seq integer not null
);
