-- One row per test per specimen. Opened as PENDING when the tube is received; the value, its parsed form,
-- the interpretation flag and the reference interval applied are stored together (clinical reference §2).
create table results.result (
    id                  bigserial primary key,
    specimen_id         bigint      not null,
    accession           text        not null,
    order_id            bigint      not null,
    order_item_id       bigint      not null,
    patient_id          bigint      not null,
    priority            text        not null,
    priority_rank       smallint    not null,
    test_code           text        not null,
    loinc               text,
    test_name           text        not null,
    section             text        not null,
    result_type         text        not null,
    unit                text,
    decimals            int,
    value_text          text,
    comparator          text,
    numeric_value       numeric,
    interpretation      text,
    ref_interval_id     bigint,
    ref_low             numeric,
    ref_high            numeric,
    ref_text            text,
    status              text        not null,
    collected_at        timestamptz,
    received_at         timestamptz not null,
    resulted_at         timestamptz,
    resulted_by         text,
    verified_at         timestamptz,
    verified_by         text,
    comment             text,
    version             int         not null default 0,
    unique (specimen_id, test_code)
);
-- Worklists: open results of a section, STAT first, oldest first.
create index result_worklist_idx on results.result (section, status, priority_rank, received_at, specimen_id)
    where status in ('PENDING', 'PRELIMINARY');
create index result_patient_idx on results.result (patient_id, id desc);
create index result_patient_test_idx on results.result (patient_id, test_code, collected_at desc);
create index result_specimen_idx on results.result (specimen_id);
create index result_order_idx on results.result (order_id);
create index result_item_idx on results.result (order_item_id);
create index result_loinc_idx on results.result (loinc, id desc);

-- Former values: every change of value or status of a result that already had one (corrections keep history).
create table results.revision (
    result_id      bigint      not null references results.result (id),
    version        int         not null,
    value_text     text,
    unit           text,
    interpretation text,
    status         text        not null,
    changed_at     timestamptz not null,
    changed_by     text        not null,
    reason         text,
    primary key (result_id, version)
);
