package io.rulescope.web.account;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.rulescope.account.AccessToken;
import io.rulescope.account.AccessTokens;
import io.rulescope.web.ApiProblems;

/** The signed-in user and their tokens, for scripts: {@code /api/account}. */
@RestController
@RequestMapping(path = "/api/account", produces = "application/json")
class AccountApiController {

    private final AccessTokens tokens;

    AccountApiController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    record Me(String name, List<String> roles, List<String> sources) {
    }

    record TokenJson(long id, String name, String start, String createdAt, String expiresAt, String lastUsedAt, String revokedAt) {
        static TokenJson of(AccessToken t) {
            return new TokenJson(t.getId(), t.getName(), t.getTokenStart() + "…", t.getCreatedAt().toString(), text(t.getExpiresAt()),
                    text(t.getLastUsedAt()), text(t.getRevokedAt()));
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    record NewToken(String name, Integer days) {
    }

    record MadeToken(long id, String name, String token, String expiresAt) {
    }

    @GetMapping
    Me me(Authentication authentication) {
        Accounts me = Accounts.of(authentication);
        return new Me(me.name(), me.roles(), me.sources());
    }

    @GetMapping("/tokens")
    List<TokenJson> list(Authentication authentication) {
        return tokens.of(authentication.getName()).stream().map(TokenJson::of).toList();
    }

    @PostMapping("/tokens")
    ResponseEntity<Object> create(@RequestBody NewToken body, Authentication authentication) {
        try {
            AccessTokens.Made made = tokens.create(authentication.getName(), body.name(), Accounts.grantsOf(authentication),
                    Accounts.lifetime(body.days() == null ? 90 : body.days()));
            AccessToken t = made.stored();
            return ResponseEntity.created(URI.create("/api/account/tokens/" + t.getId()))
                    .body(new MadeToken(t.getId(), t.getName(), made.token(), t.getExpiresAt() == null ? null : t.getExpiresAt().toString()));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.unprocessableEntity().body(ApiProblems.problem(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage()));
        }
    }

    @DeleteMapping("/tokens/{id}")
    ResponseEntity<Object> revoke(@PathVariable long id, Authentication authentication) {
        if (!tokens.revoke(id, authentication.getName(), false)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiProblems.problem(HttpStatus.NOT_FOUND, "you have no token " + id));
        }
        return ResponseEntity.ok(Map.of("revoked", id));
    }
}
