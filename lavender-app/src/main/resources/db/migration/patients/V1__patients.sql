-- Patients and their identifiers. Names are searched through *_norm columns (lower case, accents and
-- punctuation removed in Java by NameKey); collation "C" lets one btree serve both the prefix LIKE and the
-- ORDER BY of keyset paging, so a name search stays an index range scan at millions of patients.
create sequence patients.mrn_serial start 1 minvalue 1 maxvalue 9999999 no cycle;

create table patients.patient (
    id          bigint generated always as identity primary key,
    mrn         text        not null,
    family      text        not null,
    given       text        not null,
    family_norm text collate "C" not null,
    given_norm  text collate "C" not null,
    birth_date  date        not null,
    sex         text        not null check (sex in ('MALE', 'FEMALE', 'OTHER', 'UNKNOWN')),
    phone       text,
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    constraint patient_mrn_unique unique (mrn)
);
create index patient_name_idx on patients.patient (family_norm, given_norm, id);
create index patient_given_idx on patients.patient (given_norm, family_norm, id);
create index patient_birth_idx on patients.patient (birth_date, family_norm, given_norm, id);

-- Identifiers from other assigning authorities (hospital MRN, national id, insurance number).
-- The lab's own MRN lives in patient.mrn.
create table patients.identifier (
    id         bigint generated always as identity primary key,
    patient_id bigint not null references patients.patient (id),
    system     text   not null,
    value      text   not null,
    constraint identifier_unique unique (system, value)
);
create index identifier_value_idx on patients.identifier (value);
create index identifier_patient_idx on patients.identifier (patient_id);
