package io.rulescope.account;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A personal access token as stored: its hash, never the token. */
@Entity
@Table(name = "access_token")
public class AccessToken {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_token")
    @SequenceGenerator(name = "access_token", sequenceName = "access_token_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private String owner;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "token_start", nullable = false)
    private String tokenStart;

    @Column(nullable = false)
    private String authorities;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected AccessToken() {
    }

    AccessToken(String owner, String name, String tokenHash, String tokenStart, List<String> authorities, Instant createdAt,
            Instant expiresAt) {
        this.owner = owner;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenStart = tokenStart;
        this.authorities = String.join("\n", authorities);
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    void used(Instant at) {
        lastUsedAt = at;
    }

    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public List<String> authorityList() {
        return authorities.isEmpty() ? List.of() : List.of(authorities.split("\n"));
    }

    public Long getId() { return id; }
    public String getOwner() { return owner; }
    public String getName() { return name; }
    public String getTokenStart() { return tokenStart; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getExpiresAt() { return expiresAt; }
    public Instant getLastUsedAt() { return lastUsedAt; }
    public Instant getRevokedAt() { return revokedAt; }
}
