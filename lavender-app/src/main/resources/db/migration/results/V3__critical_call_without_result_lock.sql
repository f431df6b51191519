-- The call task is opened by an event listener in its own transaction. A foreign key to results.result made that
-- insert take a key-share lock on the result row while waiting for the audit chain head, and a verification holding
-- the chain head while locking the same row then deadlocked with it (seen in the demo lab). The task keeps the
-- result id without the lock; result rows are never deleted.
alter table results.critical_call drop constraint critical_call_result_id_fkey;
