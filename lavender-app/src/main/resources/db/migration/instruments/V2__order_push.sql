-- Order push: when a tube is received, Lavender sends its work to the analyzers that asked for it (HL7 OML^O21
-- over MLLP, or ASTM O records), instead of waiting for a host query.
alter table instruments.analyzer add column push_orders boolean not null default false;

-- One order message for one analyzer and tube, kept until the analyzer has acknowledged it.
-- QUEUED (waiting for its next attempt) -> SENT (MSA-1 AA, ack stored) or FAILED (AE/AR with the ERR text, or
-- the last attempt timed out). A FAILED message can be queued again by a technician (resend).
create table instruments.outbound_message (
    id              bigserial   primary key,
    analyzer_id     bigint      not null references instruments.analyzer (id),
    accession       text        not null,
    protocol        text        not null check (protocol in ('ASTM', 'HL7')),
    control_id      text        not null,
    bytes           bytea       not null,
    state           text        not null check (state in ('QUEUED', 'SENT', 'FAILED')),
    reason          text,
    ack             bytea,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index outbound_message_due_idx on instruments.outbound_message (next_attempt_at) where state = 'QUEUED';
create index outbound_message_analyzer_idx on instruments.outbound_message (analyzer_id, id desc);
-- A redelivered SpecimenReceived event queues nothing twice.
create unique index outbound_message_tube_idx on instruments.outbound_message (analyzer_id, accession);
