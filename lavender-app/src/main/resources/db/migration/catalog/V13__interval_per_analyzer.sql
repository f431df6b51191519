-- A reference interval may belong to one analyzer's method (CLSI EP28: each lab verifies or establishes intervals
-- for its own method; two methods for one analyte, e.g. Jaffe and enzymatic creatinine, can have different
-- limits). analyzer is the analyzer's name as configured in Lavender; null means the interval of every method, the
-- fallback for manual entry, calculated results and any analyzer without its own band.
alter table catalog.reference_interval add column analyzer text
    check (analyzer is null or (analyzer = btrim(analyzer) and length(analyzer) between 1 and 100));

-- The method is part of the recorded version: like the limits, it is never changed in place.
create function catalog.reference_interval_method_guard() returns trigger language plpgsql as $$
begin
    if new.analyzer is distinct from old.analyzer then
        raise exception 'catalog.reference_interval % is a recorded version: create a new one instead', old.id;
    end if;
    return new;
end
$$;

create trigger reference_interval_method_versioned
    before update on catalog.reference_interval
    for each row execute function catalog.reference_interval_method_guard();
