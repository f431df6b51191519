-- Append-only audit trail. Every row carries the SHA-256 of the previous row's hash and its own content,
-- so altering or deleting any row breaks the chain (21 CFR Part 11 style tamper evidence).
create table audit.entry (
    seq           bigint primary key,
    occurred_at   timestamptz not null,
    actor         text        not null,
    action        text        not null,
    entity_type   text        not null,
    entity_id     text        not null,
    old_value     text,
    new_value     text,
    reason        text,
    prev_hash     char(64)    not null,
    hash          char(64)    not null
);
create index entry_entity_idx on audit.entry (entity_type, entity_id, seq);
create index entry_actor_idx on audit.entry (actor, seq);

-- The head of the chain; locking it serialises writers so every row links to exactly one predecessor.
create table audit.chain_head (
    id        int primary key check (id = 1),
    last_seq  bigint   not null,
    last_hash char(64) not null
);
insert into audit.chain_head values (1, 0, repeat('0', 64));

create function audit.refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit.entry is append-only';
end $$;
create trigger entry_append_only before update or delete on audit.entry
    for each row execute function audit.refuse_change();
create trigger entry_no_truncate before truncate on audit.entry
    for each statement execute function audit.refuse_change();
