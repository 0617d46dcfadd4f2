package io.rulescope.history;

import java.util.List;

/**
 * What one read of a source's history found: the versions made since the cursor it started from (oldest first) and
 * the cursor to start from next time.
 *
 * @param fromScratch the read started from nothing: whatever was stored of the source is replaced
 */
public record HistoryIncrement(HistoryCursor cursor, List<NumberedVersion> versions, boolean fromScratch) {
}
