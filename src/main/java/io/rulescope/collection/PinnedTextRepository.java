package io.rulescope.collection;

import java.util.Collection;
import java.util.List;

import org.springframework.data.repository.Repository;

interface PinnedTextRepository extends Repository<PinnedText, String> {

    PinnedText save(PinnedText text);

    boolean existsById(String hash);

    List<PinnedText> findAllByHashIn(Collection<String> hashes);
}
