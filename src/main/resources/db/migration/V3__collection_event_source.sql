-- The source of the rules an event names, so that a log shows nobody the events about a private source they may not
-- read. Null for events that name no rule (created, renamed) and for those written before private sources existed.
alter table collection_event add column source varchar(200);
