-- Reflex testing: a released result that meets a rule's condition adds a further test to the same order, run on
-- the same specimen when the tube takes it. Rules are data a lab validates and switches on or off; a rule is never
-- deleted, because every reflex it caused refers to it.
create table results.reflex_rule (
    id          bigserial   primary key,
    test_code   text        not null,
    -- COMPARISON: value <comparator> threshold; FLAG: the result's interpretation is one of flags (space separated,
    -- e.g. 'H HH'); ANSWER: the coded answer equals answer.
    condition   text        not null check (condition in ('COMPARISON', 'FLAG', 'ANSWER')),
    comparator  text        check (comparator in ('>', '>=', '<', '<=')),
    threshold   numeric,
    flags       text        check (flags ~ '^(N|L|H|LL|HH|A|AA)( (N|L|H|LL|HH|A|AA))*$'),
    answer      text,
    reflex_test text        not null,
    note        text,
    enabled     boolean     not null default true,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    check ((condition = 'COMPARISON') = (comparator is not null and threshold is not null)),
    check ((condition = 'FLAG') = (flags is not null)),
    check ((condition = 'ANSWER') = (answer is not null)),
    check (test_code <> reflex_test)
);
create index reflex_rule_test_idx on results.reflex_rule (test_code) where enabled;

-- What each rule did for each result. One row per result and reflex test: a result re-evaluated after a correction
-- never adds the same test twice.
create table results.reflex_event (
    result_id     bigint      not null references results.result (id),
    reflex_test   text        not null,
    rule_id       bigint      not null references results.reflex_rule (id),
    trigger_value text        not null,
    outcome       text        not null check (outcome in ('ADDED', 'ALREADY_ORDERED', 'NOT_ADDED')),
    detail        text        not null,
    order_item_id bigint,
    fired_at      timestamptz not null,
    fired_by      text        not null,
    primary key (result_id, reflex_test)
);

-- Starter rules (a lab validates its own): the thyroid cascade (TSH above the reference interval → free T4) and
-- the CDC HCV sequence (reactive antibody → HCV RNA).
insert into results.reflex_rule (test_code, condition, flags, answer, reflex_test, note, updated_at, updated_by) values
    ('TSH',   'FLAG',   'H',  null,       'FT4',    'TSH above the reference interval: free T4 (thyroid cascade)',
        now(), 'system'),
    ('HCVAB', 'ANSWER', null, 'reactive', 'HCVRNA', 'Reactive HCV antibody: HCV RNA confirms current infection (CDC 2013)',
        now(), 'system');
