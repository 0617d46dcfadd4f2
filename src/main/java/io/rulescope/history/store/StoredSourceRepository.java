package io.rulescope.history.store;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface StoredSourceRepository extends Repository<StoredSource, String> {

    Optional<StoredSource> findById(String name);
}
