package io.rulescope.system.security;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.rulescope.account.AccessToken;
import io.rulescope.account.AccessTokens;

/**
 * {@code Authorization: Bearer rsp_...}: a personal access token signs the request in as its owner, with the grants
 * the token was made with, for this request only (no session). A local user's token never holds more than the user
 * holds now: a role or a private source taken away in configuration is taken from their tokens too, and the tokens of
 * a user no longer configured stop working (where no OpenID Connect provider could have made them). A bearer token
 * without the prefix is not ours to judge (the admin token of {@code /api/refresh}); a prefixed one that is unknown,
 * revoked or expired is refused.
 */
final class AccessTokenFilter extends OncePerRequestFilter {

    private final AccessTokens tokens;
    private final Problems problems;
    private final UserDetailsService localUsers;
    private final boolean oidcConfigured;

    AccessTokenFilter(AccessTokens tokens, Problems problems, UserDetailsService localUsers, boolean oidcConfigured) {
        this.localUsers = localUsers;
        this.oidcConfigured = oidcConfigured;
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || !header.substring(7).strip().startsWith(AccessTokens.PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        AccessToken token = tokens.authenticate(header.substring(7).strip()).orElse(null);
        if (token == null) {
            problems.unauthorized(request, response, "this access token is unknown, revoked or expired");
            return;
        }
        List<String> grants = grantsNow(token);
        if (grants == null) {
            problems.unauthorized(request, response, "this access token's owner can no longer sign in");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(token, grants));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The token's grants that its owner still holds; null when the owner is gone. */
    private List<String> grantsNow(AccessToken token) {
        UserDetails owner;
        try {
            owner = localUsers.loadUserByUsername(token.getOwner());
        } catch (UsernameNotFoundException e) {
            return oidcConfigured ? token.authorityList() : null;
        }
        Set<String> held = new HashSet<>();
        owner.getAuthorities().forEach(a -> held.add(a.getAuthority()));
        return token.authorityList().stream().filter(held::contains).toList();
    }

    /** Signed in by a token: the owner's name, the token's grants. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {

        private final String owner;
        private final long tokenId;

        TokenAuthentication(AccessToken token, List<String> grants) {
            super(grants.stream().map(SimpleGrantedAuthority::new).toList());
            this.owner = token.getOwner();
            this.tokenId = token.getId();
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return owner;
        }

        @Override
        public String getName() {
            return owner;
        }

        long tokenId() {
            return tokenId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenAuthentication t && t.tokenId == tokenId && super.equals(other);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(tokenId);
        }
    }
}
