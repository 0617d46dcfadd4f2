package io.rulescope.system.security;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.authentication.configuration.GlobalAuthenticationConfigurerAdapter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

import io.rulescope.account.AccessTokens;
import io.rulescope.account.SecurityProperties;

/**
 * Who may do what. Reading is open (or needs sign-in, {@code rulescope.security.read=authenticated}); changing
 * collections needs an editor, refreshing an admin (or the admin token, which the refresh endpoint checks itself).
 * Sign-in: a form and HTTP Basic for local users, bearer personal access tokens for the API, OpenID Connect when a
 * provider is configured ({@code spring.security.oauth2.client.registration.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    @Bean
    InMemoryUserDetailsManager localUsers(SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> providers) {
        return LocalUsers.of(properties, providers.getIfAvailable() != null);
    }

    /**
     * Passwords of local users, checked through {@link SignInThrottle} for the sign-in form and HTTP Basic alike. As
     * the global configuration, so OpenID Connect keeps its own provider in the chain.
     */
    @Bean
    GlobalAuthenticationConfigurerAdapter throttledPasswords(InMemoryUserDetailsManager localUsers) {
        return new GlobalAuthenticationConfigurerAdapter() {
            @Override
            public void init(AuthenticationManagerBuilder auth) {
                DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(localUsers);
                passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
                auth.authenticationProvider(new SignInThrottle(passwords));
            }
        };
    }

    /**
     * Anonymous reading ({@link AnonymousReading}): the same headers as every answer, and nothing else to do. Ahead of
     * the full chain, which takes every other request.
     */
    @Bean
    @Order(1)
    SecurityFilterChain anonymousReading(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.securityMatcher(new AnonymousReading(properties));
        http.headers(headers -> headers.cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny));
        // The security context stays: it is empty here, and clearing it after the request is what guarantees that.
        http.csrf(c -> c.disable()).requestCache(c -> c.disable()).sessionManagement(c -> c.disable())
                .anonymous(c -> c.disable()).logout(c -> c.disable()).servletApi(c -> c.disable()).exceptionHandling(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain rulescopeSecurity(HttpSecurity http, SecurityProperties properties, AccessTokens tokens,
            ObjectProvider<ClientRegistrationRepository> providers, Optional<Clock> clock, InMemoryUserDetailsManager localUsers)
            throws Exception {
        Problems problems = new Problems();
        SessionCsrf csrf = new SessionCsrf();
        http.authorizeHttpRequests(requests -> requests.anyRequest().access(new AccessRules(properties)));
        http.formLogin(form -> form.loginPage("/sign-in").loginProcessingUrl("/sign-in").failureUrl("/sign-in?error")
                .successHandler(new SignInSuccess()).permitAll());
        http.httpBasic(basic -> basic.realmName("rulescope").authenticationEntryPoint(problems));
        if (providers.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/sign-in").successHandler(new SignInSuccess())
                    .userInfoEndpoint(info -> info.oidcUserService(new OidcGroups(properties))));
        }
        http.logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/?signed-out").deleteCookies("JSESSIONID"));
        http.csrf(c -> c.requireCsrfProtectionMatcher(csrf).csrfTokenRequestHandler(csrf));
        http.exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        // Our own filters set caching, framing and content-type headers (system/SecurityHeadersFilter, the ETag
        // filter); Spring Security's no-store on every answer would undo HTTP caching of pages.
        http.headers(headers -> headers.cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny));
        http.requestCache(cache -> cache.disable());
        http.addFilterBefore(new SessionLifetimeFilter(properties.getSessionLifetime(), clock.orElse(Clock.systemUTC())),
                SecurityContextHolderFilter.class);
        http.addFilterBefore(new AccessTokenFilter(tokens, problems, localUsers, providers.getIfAvailable() != null),
                BasicAuthenticationFilter.class);
        return http.build();
    }
}
