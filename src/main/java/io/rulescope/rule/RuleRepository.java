package io.rulescope.rule;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Only what pages need: rules are read one by one; ingest writes them in bulk through its own store. */
public interface RuleRepository extends Repository<Rule, String> {

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
