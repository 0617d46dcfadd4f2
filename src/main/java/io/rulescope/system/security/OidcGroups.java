package io.rulescope.system.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import io.rulescope.account.Grants;
import io.rulescope.account.SecurityProperties;

/**
 * A user signed in through OpenID Connect gets the roles and private sources their groups map to
 * ({@code rulescope.security.groups.<group>.roles}, {@code .sources}), read from the ID token's groups claim; with no
 * mapped group, the default roles. The name shown and logged is the preferred username, else the email, else the
 * subject.
 */
final class OidcGroups implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final SecurityProperties properties;

    OidcGroups(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        Set<String> roles = new LinkedHashSet<>();
        Set<String> sources = new LinkedHashSet<>();
        for (String group : groups(user.getClaims().get(properties.getGroupsClaim()))) {
            SecurityProperties.Grant grant = properties.getGroups().get(group);
            if (grant != null) {
                roles.addAll(grant.getRoles());
                sources.addAll(grant.getSources());
            }
        }
        if (roles.isEmpty()) {
            roles.addAll(properties.getDefaultRoles());
        }
        List<GrantedAuthority> authorities = Grants.authorities(roles, sources, "rulescope.security.groups");
        String nameClaim = user.getPreferredUsername() != null ? "preferred_username" : user.getEmail() != null ? "email" : "sub";
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), nameClaim);
    }

    private static Collection<String> groups(Object claim) {
        List<String> groups = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> groups.add(String.valueOf(v)));
        } else if (claim instanceof String value) {
            for (String part : value.split(",")) {
                groups.add(part.strip());
            }
        }
        return groups;
    }
}
