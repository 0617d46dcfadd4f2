package io.rulescope.web.account;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.account.SignInRedirect;

/** The sign-in page: local users' form, and a button per OpenID Connect provider. Spring Security takes the form's POST. */
@Controller
class SignInController {

    private final ObjectProvider<ClientRegistrationRepository> providers;

    SignInController(ObjectProvider<ClientRegistrationRepository> providers) {
        this.providers = providers;
    }

    /** One OpenID Connect provider: the address that starts signing in with it, and its name. */
    public record Provider(String href, String name) {
    }

    @GetMapping("/sign-in")
    String signIn(@RequestParam(required = false) String next, @RequestParam(required = false) String error,
            @RequestParam(required = false) String expired, HttpServletRequest request, Model model) {
        String target = SignInRedirect.safe(next);
        request.getSession().setAttribute(SignInRedirect.NEXT, target);
        model.addAttribute("next", target);
        model.addAttribute("failed", error != null);
        // Spring Security keeps the last failure in the session; a pause after too many failures says so, and how long.
        Object last = request.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        model.addAttribute("paused", error != null && last instanceof LockedException locked ? locked.getMessage() : null);
        model.addAttribute("providers", providers());
        return "account/sign-in";
    }

    private List<Provider> providers() {
        List<Provider> found = new ArrayList<>();
        ClientRegistrationRepository repository = providers.getIfAvailable();
        if (repository instanceof Iterable<?> registrations) {
            for (Object each : registrations) {
                ClientRegistration registration = (ClientRegistration) each;
                found.add(new Provider("/oauth2/authorization/" + registration.getRegistrationId(), registration.getClientName()));
            }
        }
        return found;
    }
}
