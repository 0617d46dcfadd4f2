package io.rulescope.account;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read and change what ({@code rulescope.security.*}): local users with bcrypt hashes, the roles OpenID
 * Connect groups map to, and whether reading needs sign-in.
 */
@ConfigurationProperties("rulescope.security")
public class SecurityProperties {

    public enum Read { ANONYMOUS, AUTHENTICATED }

    /** {@code anonymous}: anyone may read; {@code authenticated}: every page and API needs sign-in. */
    private Read read = Read.ANONYMOUS;

    /** Local users by name: a {@code {bcrypt}} password hash, roles, and the private sources each may read. */
    private Map<String, LocalUser> users = new LinkedHashMap<>();

    /** OpenID Connect groups (from {@link #groupsClaim}) by name: the roles and private sources each grants. */
    private Map<String, Grant> groups = new LinkedHashMap<>();

    /** The ID-token claim that lists a user's groups. */
    private String groupsClaim = "groups";

    /** The roles of a user signed in through OpenID Connect whose groups map to none. */
    private List<String> defaultRoles = List.of("viewer");

    /** However active, a session ends this long after sign-in (idle sessions end sooner: server.servlet.session.timeout). */
    private Duration sessionLifetime = Duration.ofHours(12);

    public static class LocalUser extends Grant {

        private String password;

        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
    }

    public static class Grant {

        private List<String> roles = List.of();
        private List<String> sources = List.of();

        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles; }
        public List<String> getSources() { return sources; }
        public void setSources(List<String> sources) { this.sources = sources; }
    }

    public Read getRead() { return read; }
    public void setRead(Read read) { this.read = read; }
    public Map<String, LocalUser> getUsers() { return users; }
    public void setUsers(Map<String, LocalUser> users) { this.users = users; }
    public Map<String, Grant> getGroups() { return groups; }
    public void setGroups(Map<String, Grant> groups) { this.groups = groups; }
    public String getGroupsClaim() { return groupsClaim; }
    public void setGroupsClaim(String groupsClaim) { this.groupsClaim = groupsClaim; }
    public List<String> getDefaultRoles() { return defaultRoles; }
    public void setDefaultRoles(List<String> defaultRoles) { this.defaultRoles = defaultRoles; }
    public Duration getSessionLifetime() { return sessionLifetime; }
    public void setSessionLifetime(Duration sessionLifetime) { this.sessionLifetime = sessionLifetime; }
}
