package io.rulescope.web;

import java.util.Map;

import io.rulescope.error.RulescopeException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place pages turn errors into answers. Pages where the user can fix what they typed (search, matrix,
 * compare, match) show the reason in place, next to it, through {@link #showInPlace}; any other page that meets one
 * answers the error page with the status and the reason. The API has its own advice, {@link ApiProblems}, which
 * takes precedence for {@code @RestController}s.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageProblems {

    @ExceptionHandler(RulescopeException.class)
    ModelAndView errorPage(RulescopeException e, HttpServletResponse response) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        retryAfter(e, response);
        return new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase(), "reason",
                e.getMessage()), status);
    }

    /**
     * Puts the reason on the page being rendered, as {@code error} (with {@code errorPosition} where the problem lies
     * in the user's text), and answers its status and, for a passing condition, {@code Retry-After}.
     */
    public static void showInPlace(RulescopeException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        retryAfter(e, response);
        model.addAttribute("error", e.getMessage());
        if (e.position() != null) {
            model.addAttribute("errorPosition", e.position());
        }
    }

    private static void retryAfter(RulescopeException e, HttpServletResponse response) {
        if (e.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
    }
}
