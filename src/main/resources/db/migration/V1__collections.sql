-- What users create, and replicas share: the same script runs on H2 (the embedded default) and PostgreSQL.

create sequence rule_collection_seq start with 1 increment by 50;

create table rule_collection (
    id          bigint        not null primary key,
    name        varchar(200)  not null,
    -- the name as compared: lower case, so that "Deployed" and "deployed" cannot both exist
    name_key    varchar(200)  not null,
    description varchar(4000) not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(200)  not null,
    -- when its name, description or members last changed; every change also moves version, which searches of it key on
    changed_at  timestamp with time zone not null,
    version     bigint        not null,
    constraint rule_collection_named_once unique (name_key)
);

-- A pinned version's file text, once per content hash however many collections pin it: a member's diff from its pin
-- needs the text even when the source has no history or the rule has left it.
create table pinned_text (
    hash varchar(64)       not null primary key,
    text varchar(10000000) not null
);

create sequence collection_member_seq start with 1 increment by 50;

create table collection_member (
    id            bigint        not null primary key,
    collection_id bigint        not null references rule_collection (id) on delete cascade,
    source        varchar(200)  not null,
    rule_id       varchar(1000) not null,
    title         varchar(4000) not null,
    pinned_hash   varchar(64)   not null references pinned_text (hash),
    -- where the file was at the pinned version, so that its text is read as the same kind of rule file again
    pinned_path   varchar(4000) not null,
    -- the commit of the version pinned where the source is a git repository with its history read; null otherwise
    pinned_commit varchar(64),
    -- that commit's date: what changed since is read from the history's versions after it
    pinned_commit_at timestamp with time zone,
    pinned_at     timestamp with time zone not null,
    pinned_by     varchar(200)  not null,
    added_at      timestamp with time zone not null,
    added_by      varchar(200)  not null,
    constraint collection_member_once unique (collection_id, source, rule_id)
);

create index collection_member_by_hash on collection_member (pinned_hash);

create sequence collection_event_seq start with 1 increment by 50;

create table collection_event (
    id            bigint        not null primary key,
    collection_id bigint        not null references rule_collection (id) on delete cascade,
    actor         varchar(200)  not null,
    happened_at   timestamp with time zone not null,
    summary       varchar(4000) not null
);

create index collection_event_by_collection on collection_event (collection_id, happened_at);
