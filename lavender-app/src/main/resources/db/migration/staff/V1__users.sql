-- People who sign in. Roles: ADMIN, TECHNICIAN, VERIFIER (supervisor), PHYSICIAN (read-only reports).
-- The SYSTEM role is for interfaces (EHR, middleware) that authenticate with HTTP Basic.
create table staff.app_user (
    id             bigserial primary key,
    username       text        not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
    password_hash  text        not null,
    display_name   text        not null,
    roles          text[]      not null,
    enabled        boolean     not null default true,
    created_at     timestamptz not null default now()
);
