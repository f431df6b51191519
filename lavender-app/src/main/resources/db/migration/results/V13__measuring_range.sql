-- Per-test analytical measuring range (AMR, CLIA 42 CFR 493.1253: the range a method was validated to report
-- without dilution or concentration) and the range of values possible at all. A value outside the AMR holds
-- autoverification with the reason ("> AMR 0.5–60 mg/dL: dilute and rerun"); a value outside the possible range is
-- refused at entry (a count or a concentration is never negative). Without a row, values below 0 are impossible.
alter table results.autoverification_test
    add column amr_low       numeric,
    add column amr_high      numeric,
    add column possible_low  numeric,
    add column possible_high numeric,
    add column updated_at    timestamptz,
    add column updated_by    text,
    add check (amr_low is null or amr_high is null or amr_low < amr_high),
    add check (possible_low is null or possible_high is null or possible_low < possible_high),
    add check (possible_low is null or amr_low is null or possible_low <= amr_low),
    add check (possible_high is null or amr_high is null or possible_high >= amr_high);
