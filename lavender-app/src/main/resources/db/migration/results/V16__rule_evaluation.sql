-- One row per evaluation of a result version instead of one per rule: the rules, their outcomes and details as
-- parallel arrays in rule order (an analyzer message of 20 results wrote 200 rows, now 20). Same content as
-- before (CLSI AUTO10: each decision kept with its rule-set version and the inputs it looked at).
create table results.rule_evaluation (
    result_id      bigint      not null references results.result (id),
    result_version int         not null,
    rule_set       text        not null,
    evaluated_at   timestamptz not null,
    rules          text[]      not null,
    passed         boolean[]   not null,
    details        text[]      not null,
    primary key (result_id, result_version),
    check (cardinality(rules) = cardinality(passed) and cardinality(rules) = cardinality(details))
);

insert into results.rule_evaluation (result_id, result_version, rule_set, evaluated_at, rules, passed, details)
select result_id, result_version, min(rule_set), min(evaluated_at), array_agg(rule order by position),
       array_agg(passed order by position), array_agg(detail order by position)
from results.rule_outcome
group by result_id, result_version;

drop table results.rule_outcome;

-- A result row is rewritten several times in its life (value, checks, verification): room on its page lets
-- PostgreSQL update it in place (HOT) without touching every index.
alter table results.result set (fillfactor = 80);
