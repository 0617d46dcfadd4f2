package io.rulescope.system.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.rulescope.account.Grants;
import io.rulescope.account.Role;
import io.rulescope.account.SecurityProperties;

/**
 * The users named in configuration. Passwords must be bcrypt hashes ({@code {bcrypt}$2a$...}): a plain password in a
 * properties file is refused at start, naming the user. With no users and no OpenID Connect provider, one admin is made
 * with a password printed once in the log, so that the embedded default can be signed in to in its first hour.
 */
final class LocalUsers {

    private static final Logger log = LoggerFactory.getLogger(LocalUsers.class);

    static final String GENERATED_ADMIN = "admin";

    private LocalUsers() {
    }

    static InMemoryUserDetailsManager of(SecurityProperties properties, boolean oidcConfigured) {
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, SecurityProperties.LocalUser> entry : properties.getUsers().entrySet()) {
            String name = entry.getKey();
            SecurityProperties.LocalUser user = entry.getValue();
            String at = "rulescope.security.users." + name;
            String password = user.getPassword();
            if (password == null || !password.startsWith("{bcrypt}$2")) {
                throw new IllegalStateException(at + ".password must be a bcrypt hash written {bcrypt}$2a$...; make one with "
                        + "htpasswd -bnBC 12 \"\" 'the password' | tr -d ':\\n' and put {bcrypt} before it");
            }
            users.add(User.withUsername(name).password(password).authorities(Grants.authorities(user.getRoles(), user.getSources(), at + ".roles"))
                    .build());
        }
        if (users.isEmpty() && !oidcConfigured) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            users.add(User.withUsername(GENERATED_ADMIN).password("{bcrypt}" + new BCryptPasswordEncoder().encode(password))
                    .authorities(Role.ADMIN.authority()).build());
            log.warn("No users are configured (rulescope.security.users.<name>.password and .roles, or an OpenID Connect provider): "
                    + "sign in as '{}' with the password {} , made for this run only", GENERATED_ADMIN, password);
        } else {
            log.info("{} local user(s) may sign in{}", users.size(), oidcConfigured ? ", and users of the OpenID Connect provider" : "");
        }
        return new InMemoryUserDetailsManager(users);
    }
}
