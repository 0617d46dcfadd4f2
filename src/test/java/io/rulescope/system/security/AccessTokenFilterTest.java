package io.rulescope.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.rulescope.account.AccessToken;
import io.rulescope.account.AccessTokens;

class AccessTokenFilterTest {

    static final String TOKEN = "rsp_0123456789abcdef";

    final AccessTokens tokens = mock(AccessTokens.class);
    final AccessToken pats = mock(AccessToken.class);

    AccessTokenFilterTest() {
        given(pats.getOwner()).willReturn("pat");
        given(pats.getId()).willReturn(7L);
        given(pats.authorityList()).willReturn(List.of("ROLE_EDITOR", "SOURCE_acme"));
        given(tokens.authenticate(TOKEN)).willReturn(Optional.of(pats));
    }

    /** The grants a request with pat's token is signed in with, or null when it was refused (with its status). */
    List<String> grantsOfARequestWithTheToken(InMemoryUserDetailsManager users, boolean oidc, MockHttpServletResponse response) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/collections");
        request.addHeader("Authorization", "Bearer " + TOKEN);
        List<String> seen = new ArrayList<>();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .forEach(seen::add);
            }
        });
        new AccessTokenFilter(tokens, new Problems(), users, oidc).doFilter(request, response, chain);
        return chain.getRequest() == null ? null : seen;
    }

    @Test
    void aLocalUsersTokenLosesThePrivateSourceTheConfigurationNoLongerGrantsThem() throws Exception {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("pat").password("{noop}x")
                .authorities("ROLE_EDITOR").build());

        assertThat(grantsOfARequestWithTheToken(users, false, new MockHttpServletResponse())).containsExactly("ROLE_EDITOR");
    }

    @Test
    void aLocalUserStillGrantedEverythingKeepsTheTokensGrants() throws Exception {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("pat").password("{noop}x")
                .authorities("ROLE_EDITOR", "SOURCE_acme", "SOURCE_other").build());

        assertThat(grantsOfARequestWithTheToken(users, false, new MockHttpServletResponse())).containsExactly("ROLE_EDITOR", "SOURCE_acme");
    }

    @Test
    void theTokenOfAUserNoLongerConfiguredIsRefusedWhereOnlyLocalUsersSignIn() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(grantsOfARequestWithTheToken(new InMemoryUserDetailsManager(), false, response)).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
    }

    @Test
    void theTokenOfAnOpenIdConnectUserKeepsTheGrantsItWasMadeWith() throws Exception {
        assertThat(grantsOfARequestWithTheToken(new InMemoryUserDetailsManager(), true, new MockHttpServletResponse()))
                .containsExactly("ROLE_EDITOR", "SOURCE_acme");
    }
}
