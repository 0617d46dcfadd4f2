-- Personal access tokens for the API: only a hash of each is kept; the token itself is shown once, when made.

create sequence access_token_seq start with 1 increment by 50;

create table access_token (
    id           bigint        not null primary key,
    owner        varchar(200)  not null,
    name         varchar(200)  not null,
    token_hash   varchar(64)   not null,
    -- the first characters of the token, so that a user can tell tokens apart without the token being kept
    token_start  varchar(16)   not null,
    -- the owner's roles and grants when the token was made (authorities, one per line): a token never grants more
    authorities  varchar(4000) not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    constraint access_token_hash_once unique (token_hash)
);

create index access_token_by_owner on access_token (owner);
