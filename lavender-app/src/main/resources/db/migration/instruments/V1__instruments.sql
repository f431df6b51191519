-- Configured analyzers: how Lavender talks to each one (protocol, transport, port, character encoding).
create table instruments.analyzer (
    id          bigserial   primary key,
    name        text        not null unique,
    model       text,
    section     text,
    protocol    text        not null check (protocol in ('ASTM', 'HL7')),
    transport   text        not null check (transport in ('TCP_SERVER', 'TCP_CLIENT', 'SERIAL')),
    host        text,
    port        int         check (port between 0 and 65535),
    serial_port text,
    encoding    text        not null default 'UTF-8',
    -- The analyzer sends LOINC codes (OBX-3 ^^LN, R-3 ^^^<LOINC>): a code that is a catalog test's LOINC maps
    -- to that test without a row in code_map.
    loinc_codes boolean     not null default false,
    active      boolean     not null default true,
    version     int         not null default 0
);

-- Instrument test code -> catalog test. test_code null = a code the analyzer sends for information only
-- (sample mode, histogram flags): received and ignored, never a dead letter. factor converts the analyzer's
-- unit into the catalog unit (catalog value = instrument value x factor).
create table instruments.code_map (
    analyzer_id     bigint  not null references instruments.analyzer (id),
    instrument_code text    not null,
    test_code       text,
    unit            text,
    factor          numeric check (factor is null or factor > 0),
    primary key (analyzer_id, instrument_code)
);

-- Every message as it came off the wire, committed before the analyzer is acknowledged.
-- RECEIVED -> PARSED -> FILED, or ERROR (content: unmapped code, unknown accession; reprocessable), REJECTED
-- (refused on the wire with NAK/AE/AR: bad frame, garbage, oversize, stalled sender), DUPLICATE (same sender and
-- control id, or same ASTM session and records, as an earlier message: acknowledged, never filed twice).
create table instruments.raw_message (
    id            bigserial   primary key,
    analyzer_id   bigint      not null references instruments.analyzer (id),
    connection_id text        not null,
    peer          text        not null,
    received_at   timestamptz not null,
    bytes         bytea       not null,
    dedup_key     text,
    duplicate_of  bigint,
    state         text        not null check (state in ('RECEIVED', 'PARSED', 'FILED', 'ERROR', 'REJECTED',
                                                        'DUPLICATE')),
    reason        text,
    updated_at    timestamptz not null,
    unique (analyzer_id, dedup_key)
);
create index raw_message_dead_idx on instruments.raw_message (id desc) where state in ('ERROR', 'REJECTED');
create index raw_message_open_idx on instruments.raw_message (id) where state = 'RECEIVED';
create index raw_message_day_idx on instruments.raw_message (analyzer_id, received_at);

-- One patient result of a message (OBX / R record) and what became of it.
create table instruments.observation (
    id              bigserial primary key,
    raw_message_id  bigint    not null references instruments.raw_message (id),
    seq             int       not null,
    accession       text,
    instrument_code text      not null,
    test_code       text,
    value_text      text,
    unit            text,
    flags           text,
    observed_at     timestamptz,
    state           text      not null check (state in ('PENDING', 'FILED', 'ERROR', 'IGNORED')),
    reason          text,
    result_id       bigint,
    unique (raw_message_id, seq)
);
create index observation_code_idx on instruments.observation (instrument_code) where state = 'ERROR';

-- Quality control results (HL7 SPM-11 = Q, ASTM H-12 = Q or O-12 = Q): kept apart for the QC module, never
-- filed as patient results.
create table instruments.qc_result (
    id              bigserial   primary key,
    raw_message_id  bigint      not null references instruments.raw_message (id),
    seq             int         not null,
    analyzer_id     bigint      not null references instruments.analyzer (id),
    control_id      text        not null,
    instrument_code text        not null,
    test_code       text,
    value_text      text,
    unit            text,
    flags           text,
    observed_at     timestamptz,
    unique (raw_message_id, seq)
);
