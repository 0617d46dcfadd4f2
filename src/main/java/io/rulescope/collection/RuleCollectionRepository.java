package io.rulescope.collection;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface RuleCollectionRepository extends Repository<RuleCollection, Long> {

    RuleCollection save(RuleCollection collection);

    Optional<RuleCollection> findById(Long id);

    Optional<RuleCollection> findByNameKey(String nameKey);

    List<RuleCollection> findAllByOrderByNameKey();

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from RuleCollection c where c.id = :id")
    void deleteWithId(@Param("id") Long id);
}
