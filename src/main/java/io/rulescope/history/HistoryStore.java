package io.rulescope.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

/**
 * Where rule versions are kept once read: the database in the application ({@code history.store}), memory where
 * ingest is built by hand (tools, benchmarks). Versions of a rule are numbered from 0, oldest first.
 */
public interface HistoryStore {

    /** The cursor saved for a source, when it was computed with {@code key} (the build and settings); else empty. */
    Optional<HistoryCursor> cursor(String source, String key);

    /** Adds an increment's versions and moves the source's cursor, all or nothing; from scratch, replaces the source. */
    void save(String key, HistoryIncrement increment);

    /** A rule's versions, newest first. */
    List<RuleVersion> versions(String source, String ruleId);

    /** One page of a rule's versions, newest first. */
    Page<RuleVersion> versions(String source, String ruleId, Pageable page);

    /** The newest version of a rule made by a commit whose id starts with {@code commitPrefix}. */
    Optional<NumberedVersion> version(String source, String ruleId, String commitPrefix);

    Optional<RuleVersion> version(String source, String ruleId, int ordinal);

    /** Every version of every source made at or after {@code from}, without details. */
    List<VersionStamp> stampsSince(Instant from);

    /** The versions of these rules of one source made at or after {@code from}, newest first per rule. */
    List<NumberedVersion> versionsSince(String source, Collection<String> ruleIds, Instant from);

    /** Per rule of a source, its newest version and every version that added it: what rule pages summarise. */
    List<NumberedVersion> newestAndAdditions(String source);
}
