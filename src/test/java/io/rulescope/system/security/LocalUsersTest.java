package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import io.rulescope.account.SecurityProperties;

class LocalUsersTest {

    static SecurityProperties withUser(String password, String... roles) {
        SecurityProperties properties = new SecurityProperties();
        SecurityProperties.LocalUser user = new SecurityProperties.LocalUser();
        user.setPassword(password);
        user.setRoles(List.of(roles));
        user.setSources(List.of("acme"));
        properties.getUsers().put("ada", user);
        return properties;
    }

    @Test
    void aConfiguredUserHasTheirRolesAndPrivateSourcesAsAuthorities() {
        UserDetails ada = LocalUsers.of(withUser("{bcrypt}$2a$04$abcdefghijklmnopqrstuu5Ql7A1wG0y6H1v7h6T7l1p1i3b0dXx2", "editor"), false)
                .loadUserByUsername("ada");

        assertThat(ada.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_EDITOR", "SOURCE_acme");
    }

    @Test
    void aPlainPasswordInConfigurationIsRefusedNamingTheUserAndHowToHashIt() {
        assertThatThrownBy(() -> LocalUsers.of(withUser("secret", "viewer"), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rulescope.security.users.ada.password must be a bcrypt hash").hasMessageContaining("htpasswd");
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheRoles() {
        assertThatThrownBy(() -> LocalUsers.of(withUser("{bcrypt}$2a$04$x", "owner"), false))
                .hasMessageContaining("names the role 'owner'; the roles are viewer, editor and admin");
    }

    @Test
    void withNoUsersAndNoProviderOneAdminIsMadeForThisRunOnly() {
        UserDetails admin = LocalUsers.of(new SecurityProperties(), false).loadUserByUsername("admin");

        assertThat(admin.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_ADMIN");
        assertThat(admin.getPassword()).startsWith("{bcrypt}$2");
        assertThat(LocalUsers.of(new SecurityProperties(), true).userExists("admin")).isFalse();
    }
}
