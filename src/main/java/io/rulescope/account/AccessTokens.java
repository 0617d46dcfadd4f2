package io.rulescope.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.rulescope.rule.Sha256;

/**
 * Personal access tokens: made with 256 random bits, shown once, kept as a SHA-256 hash (a token is as strong as a
 * key, so a slow hash adds nothing), revocable, optionally expiring. A token carries its owner's grants as they were
 * when it was made.
 */
@Service
@Transactional
public class AccessTokens {

    /** Every token starts so: scanners find leaked ones, and the API tells them from the admin token. */
    public static final String PREFIX = "rsp_";
    public static final int MAX_NAME = 200;
    public static final int MAX_PER_OWNER = 100;
    /** Last-use times are written at most this often per token, so that a busy script does not write on every call. */
    static final Duration USE_GRANULARITY = Duration.ofMinutes(1);

    private final AccessTokenRepository tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AccessTokens(AccessTokenRepository tokens, Optional<Clock> clock) {
        this.tokens = tokens;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** A token just made: {@code token} is shown this once and never again. */
    public record Made(AccessToken stored, String token) {
    }

    public Made create(String owner, String name, List<String> authorities, Duration lifetime) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A token needs a name of one line, at most " + MAX_NAME + " characters.");
        }
        if (tokens.findByOwnerOrderByCreatedAtDesc(owner).stream().filter(t -> t.usableAt(clock.instant())).count() >= MAX_PER_OWNER) {
            throw new IllegalArgumentException("You have " + MAX_PER_OWNER + " live tokens; revoke one first.");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        AccessToken stored = tokens.save(new AccessToken(owner, label, hash(token), token.substring(0, PREFIX.length() + 4), authorities,
                now, lifetime == null ? null : now.plus(lifetime)));
        return new Made(stored, token);
    }

    /** The stored token a presented one is, if it is live; its last use is noted. */
    public Optional<AccessToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<AccessToken> found = tokens.findByTokenHash(hash(presented)).filter(t -> t.usableAt(now));
        found.filter(t -> t.getLastUsedAt() == null || t.getLastUsedAt().plus(USE_GRANULARITY).isBefore(now)).ifPresent(t -> t.used(now));
        return found;
    }

    @Transactional(readOnly = true)
    public List<AccessToken> of(String owner) {
        return tokens.findByOwnerOrderByCreatedAtDesc(owner);
    }

    /** Revokes one of the owner's tokens (or anyone's, for an admin); false when there is no such token. */
    public boolean revoke(long id, String owner, boolean admin) {
        Optional<AccessToken> token = tokens.findById(id).filter(t -> admin || t.getOwner().equals(owner));
        token.ifPresent(t -> t.revoke(clock.instant()));
        return token.isPresent();
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }
}
