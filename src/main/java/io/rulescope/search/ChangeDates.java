package io.rulescope.search;

import java.util.Set;

/**
 * When rules last changed according to their sources' git history, for {@code changed:} searches. Rules of a source
 * without history count as changed on their own modified date.
 */
public interface ChangeDates {

    ChangeDates NONE = new ChangeDates() {
        @Override
        public Set<String> ruleIdsChangedBetween(long fromDay, long toDay) {
            return Set.of();
        }

        @Override
        public Set<String> sourcesWithHistory() {
            return Set.of();
        }

        @Override
        public long version() {
            return 0;
        }
    };

    /** Ids of rules whose latest change (not a removal) falls on these days since the epoch, both included. */
    Set<String> ruleIdsChangedBetween(long fromDay, long toDay);

    /** Sources whose rules' change dates come from history. */
    Set<String> sourcesWithHistory();

    /** Changes whenever what the other two answer may change; part of every cached search answer's key. */
    long version();
}
