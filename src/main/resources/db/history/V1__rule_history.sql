-- Rule histories: derived from each source's git repository, so a replica keeps its own and can always read them again.

create table history_source (
    name         varchar(200)  not null primary key,
    build_key    varchar(4000) not null,
    head         varchar(64)   not null,
    commits      integer       not null,
    first_commit varchar(64),
    cursor_state varbinary(1000000000) not null,
    read_at      timestamp with time zone not null
);

create sequence history_commit_seq start with 1 increment by 50;

create table history_commit (
    id           bigint        not null primary key,
    source       varchar(200)  not null,
    sha          varchar(64)   not null,
    committed_at timestamp with time zone not null,
    author       varchar(4000),
    message      varchar(20000) not null,
    constraint history_commit_once unique (source, sha)
);

create index history_commit_by_date on history_commit (committed_at);

create sequence rule_version_seq start with 1 increment by 50;

create table rule_version (
    id        bigint        not null primary key,
    source    varchar(200)  not null,
    rule_id   varchar(4000) not null,
    ordinal   integer       not null,
    commit_id bigint        not null references history_commit (id),
    title     varchar(4000),
    path      varchar(4000) not null,
    blob      varchar(64),
    kind      varchar(16)   not null,
    changes   varchar(10000000) not null
);

create unique index rule_version_of_rule on rule_version (source, rule_id, ordinal);
create index rule_version_by_commit on rule_version (commit_id);
