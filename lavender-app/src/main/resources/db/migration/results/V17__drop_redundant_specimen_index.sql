-- The unique (specimen_id, test_code) index already serves every lookup by specimen; a second index on specimen_id
-- alone only cost a write on every new row version of a result (most analyzer filings change an indexed column,
-- so they are not in-place updates).
drop index results.result_specimen_idx;
