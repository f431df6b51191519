-- Lab orders ("order" is an SQL keyword, hence lab_order) and their items, one per ordered test or panel
-- (what FHIR calls a ServiceRequest). patient_id refers to patients.patient through the Patients API only.
create table orders.lab_order (
    id                bigint generated always as identity primary key,
    order_number      text        not null,
    patient_id        bigint      not null,
    priority          text        not null check (priority in ('STAT', 'ASAP', 'ROUTINE')),
    ordering_provider text        not null,
    clinical_notes    text,
    requisition       text,
    status            text        not null check (status in ('ACTIVE', 'COMPLETED', 'CANCELLED')),
    cancel_reason     text,
    ordered_at        timestamptz not null,
    ordered_by        text        not null,
    source            text        not null,
    constraint lab_order_number_unique unique (order_number)
);
-- A placer's requisition groups one active order; a later order may reuse it once the first is closed.
create unique index lab_order_active_requisition on orders.lab_order (requisition)
    where status = 'ACTIVE' and requisition is not null;
create index lab_order_requisition_idx on orders.lab_order (requisition, id);
create index lab_order_patient_idx on orders.lab_order (patient_id, id);
create index lab_order_status_idx on orders.lab_order (status, id);
create index lab_order_priority_idx on orders.lab_order (priority, id);

create table orders.item (
    id             bigint generated always as identity primary key,
    order_id       bigint      not null references orders.lab_order (id),
    orderable_code text        not null,
    loinc          text,
    name           text        not null,
    test_codes     text[]      not null,
    status         text        not null check (status in ('ACTIVE', 'CANCELLED', 'RECOLLECT')),
    -- Why the item is CANCELLED or waits for RECOLLECTion (the rejected specimen and its reason).
    cancel_reason  text,
    created_at     timestamptz not null
);
create index item_order_idx on orders.item (order_id, id);

-- Order numbers O + yymmdd + a per-day serial, counted in the lab's time zone.
create table orders.day_counter (
    day         date primary key,
    last_number int  not null
);
