package io.rulescope.account;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface AccessTokenRepository extends Repository<AccessToken, Long> {

    AccessToken save(AccessToken token);

    Optional<AccessToken> findByTokenHash(String tokenHash);

    Optional<AccessToken> findById(Long id);

    List<AccessToken> findByOwnerOrderByCreatedAtDesc(String owner);
}
