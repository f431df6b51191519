-- INR (clinical reference §1): (PT / MNPT)^ISI. ISI and the mean normal prothrombin time belong to a thromboplastin
-- reagent lot as used on an analyzer (analyzer null = any analyzer of the lab) and are versioned by effective
-- dates: a row is never changed, a new lot or new values end-date the old one, and each INR records the lot it was
-- calculated with (in its audit reason).
create table results.thromboplastin_lot (
    id             bigserial     primary key,
    lot_number     text          not null check (lot_number ~ '^[A-Za-z0-9._/-]{1,40}$'),
    analyzer       text,
    isi            numeric(4, 2) not null check (isi between 0.5 and 3.0),
    mnpt_seconds   numeric(5, 2) not null check (mnpt_seconds between 5 and 60),
    effective_from timestamptz   not null,
    effective_to   timestamptz,
    created_by     text          not null,
    ended_by       text,
    check (effective_to is null or effective_to > effective_from)
);
-- One lot in effect per analyzer (or for any analyzer) at a time.
create unique index thromboplastin_lot_current_idx on results.thromboplastin_lot (coalesce(analyzer, ''))
    where effective_to is null;

-- The LIS calculates INR from PT once a lab has entered its lot; off until then, so an analyzer that reports INR
-- itself keeps doing so. When on, INR is added with every PT (add_when_computable).
insert into results.calculation (calculator, output_test, add_when_computable, enabled) values
    ('INR', '6301-6', true, false);
