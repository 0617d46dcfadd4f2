package io.rulescope.web.account;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.rulescope.account.AccessTokens;

/** The signed-in user's page: who they are to Rulescope, and their personal access tokens. */
@Controller
class AccountController {

    private final AccessTokens tokens;

    AccountController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/account")
    String account(Authentication authentication, Model model) {
        model.addAttribute("me", Accounts.of(authentication));
        model.addAttribute("tokens", tokens.of(authentication.getName()).stream().map(TokenRow::of).toList());
        model.addAttribute("lifetimes", Accounts.LIFETIMES_DAYS);
        return "account/account";
    }

    /** A token as the page lists it, times in UTC. */
    public record TokenRow(long id, String name, String start, String made, String expires, String lastUsed, boolean revoked) {
        private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd")
                .withZone(java.time.ZoneOffset.UTC);
        private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC);

        static TokenRow of(io.rulescope.account.AccessToken t) {
            return new TokenRow(t.getId(), t.getName(), t.getTokenStart() + "…", DAY.format(t.getCreatedAt()),
                    t.getExpiresAt() == null ? "never" : DAY.format(t.getExpiresAt()),
                    t.getLastUsedAt() == null ? "not yet" : MINUTE.format(t.getLastUsedAt()), t.getRevokedAt() != null);
        }
    }

    /** The new token is shown once, on the page the browser is sent back to, and never again. */
    @PostMapping("/account/tokens")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "90") int days, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            AccessTokens.Made made = tokens.create(authentication.getName(), name, Accounts.grantsOf(authentication), Accounts.lifetime(days));
            redirect.addFlashAttribute("made", made.token());
            redirect.addFlashAttribute("madeName", made.stored().getName());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        boolean done = tokens.revoke(id, authentication.getName(), false);
        redirect.addFlashAttribute(done ? "revoked" : "problem", done ? "The token was revoked; it no longer signs anything in."
                : "You have no such token.");
        return "redirect:/account";
    }
}
