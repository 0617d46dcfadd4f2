package io.rulescope.history.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionStamp;

/** What history pages read; versions are written in bulk by {@link JpaHistoryStore}. Every query fetches the commit. */
interface StoredVersionRepository extends Repository<StoredVersion, Long> {

    String OF_RULE = "from StoredVersion v join fetch v.commit c where v.source = :source and v.ruleId = :ruleId";

    @Query("select v " + OF_RULE + " order by v.ordinal desc")
    List<StoredVersion> newestFirst(@Param("source") String source, @Param("ruleId") String ruleId);

    @Query(value = "select v " + OF_RULE + " order by v.ordinal desc",
            countQuery = "select count(v) from StoredVersion v where v.source = :source and v.ruleId = :ruleId")
    Page<StoredVersion> newestFirst(@Param("source") String source, @Param("ruleId") String ruleId, Pageable page);

    /** {@code shaLike} escapes its wildcards with {@code !}. */
    @Query("select v " + OF_RULE + " and c.sha like :prefix escape '!' order by v.ordinal desc")
    List<StoredVersion> madeBy(@Param("source") String source, @Param("ruleId") String ruleId, @Param("prefix") String shaLike,
            Pageable first);

    @Query("select v " + OF_RULE + " and v.ordinal = :ordinal")
    List<StoredVersion> numbered(@Param("source") String source, @Param("ruleId") String ruleId, @Param("ordinal") int ordinal);

    @Query("select new io.rulescope.history.VersionStamp(v.source, v.ruleId, v.ordinal, v.kind, c.sha, c.committedAt)"
            + " from StoredVersion v join v.commit c where c.committedAt >= :from")
    List<VersionStamp> stampsSince(@Param("from") Instant from);

    @Query("select v from StoredVersion v join fetch v.commit c where v.source = :source and v.ruleId in :ruleIds"
            + " and c.committedAt >= :from order by v.ruleId, v.ordinal desc")
    List<StoredVersion> since(@Param("source") String source, @Param("ruleIds") Collection<String> ruleIds, @Param("from") Instant from);

    @Query("select v from StoredVersion v join fetch v.commit c where v.source = :source and (v.kind = :added"
            + " or v.ordinal = (select max(w.ordinal) from StoredVersion w where w.source = v.source and w.ruleId = v.ruleId))"
            + " order by v.ruleId, v.ordinal")
    List<StoredVersion> newestAndKind(@Param("source") String source, @Param("added") RuleVersion.Kind added);
}
