package io.rulescope.collection;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface CollectionMemberRepository extends Repository<CollectionMember, Long> {

    CollectionMember save(CollectionMember member);

    <S extends CollectionMember> List<S> saveAll(Iterable<S> members);

    void delete(CollectionMember member);

    @Query("select m from CollectionMember m where m.collection.id = :collection order by m.ruleId, m.source")
    List<CollectionMember> inCollection(@Param("collection") Long collectionId);

    @Query("select m from CollectionMember m where m.collection.id = :collection and m.ruleId = :ruleId order by m.source")
    List<CollectionMember> byRuleId(@Param("collection") Long collectionId, @Param("ruleId") String ruleId);

    @Query("select m from CollectionMember m where m.collection.id = :collection and m.source = :source and m.ruleId = :ruleId")
    Optional<CollectionMember> find(@Param("collection") Long collectionId, @Param("source") String source, @Param("ruleId") String ruleId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from CollectionMember m where m.collection.id = :collection")
    void deleteInCollection(@Param("collection") Long collectionId);

    /** Per collection and source, how many members: sizes are counted over the sources the reader may see. */
    @Query("select m.collection.id, m.source, count(m) from CollectionMember m group by m.collection.id, m.source")
    List<Object[]> sizesBySource();
}
