package io.rulescope.collection;

import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface CollectionEventRepository extends Repository<CollectionEvent, Long> {

    CollectionEvent save(CollectionEvent event);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from CollectionEvent e where e.collectionId = :collection")
    void deleteInCollection(@Param("collection") Long collectionId);

    List<CollectionEvent> findByCollectionIdOrderByHappenedAtDescIdDesc(Long collectionId, Pageable page);
}
