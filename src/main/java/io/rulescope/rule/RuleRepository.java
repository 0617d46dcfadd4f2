package io.rulescope.rule;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Only what the catalog needs: rules are written in bulk by ingest and read one by one by pages. */
public interface RuleRepository extends Repository<Rule, String> {

    @Transactional
    <S extends Rule> List<S> saveAll(Iterable<S> rules);

    @Transactional
    @org.springframework.data.jpa.repository.Modifying
    @Query("delete from Rule")
    void deleteAll();

    @Transactional(readOnly = true)
    Optional<Rule> findByUid(String uid);

    @Transactional(readOnly = true)
    List<Rule> findByRuleIdOrderBySourceNameAscSourcePathAscDocIndexAsc(String ruleId);

    @Transactional(readOnly = true)
    List<Rule> findByAlias(String alias);

    @Transactional(readOnly = true)
    List<Rule> findBySourceNameAndSourcePathOrderByDocIndex(String sourceName, String sourcePath);

    @Transactional(readOnly = true)
    List<Rule> findByUidIn(Collection<String> uids);
}
