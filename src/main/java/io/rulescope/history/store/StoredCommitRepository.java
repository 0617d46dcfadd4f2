package io.rulescope.history.store;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Commits are written with their versions and read through them; only a re-read from scratch removes them. */
interface StoredCommitRepository extends Repository<StoredCommit, Long> {

    @Modifying
    @Query("delete from StoredCommit c where c.source = :source")
    int deleteBySource(@Param("source") String source);
}
