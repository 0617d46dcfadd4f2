package io.rulescope.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import io.rulescope.match.EventRejectedException;
import io.rulescope.search.SearchBusyException;
import io.rulescope.search.SearchSyntaxException;

/**
 * The one place request errors become responses (malformed or turned-away searches, events that cannot be matched).
 * Pages that show an error in place, next to the query to fix (search, matrix, compare, match), handle it themselves;
 * everywhere else (the JSON API, exports, feeds, listing pages) lands here: tools get JSON with the reason and
 * position, browsers the error page with the reason. Never a 500.
 */
@ControllerAdvice
class ApiErrors {

    /** What a tool reads from a 400 or 429: the reason, and for a malformed search where it went wrong. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Problem(String error, Integer position) {
    }

    @ExceptionHandler(SearchSyntaxException.class)
    Object badSearch(SearchSyntaxException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, new Problem(e.getMessage(), e.position()), request, null);
    }

    /**
     * An event that cannot be matched (not JSON, XML or key=value; too large) or no turn to match it in time: the
     * status it asks for, with why.
     */
    @ExceptionHandler(EventRejectedException.class)
    Object rejectedEvent(EventRejectedException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        return answer(status, new Problem(e.getMessage(), null), request, status == HttpStatus.SERVICE_UNAVAILABLE ? "1" : null);
    }

    @ExceptionHandler(SearchBusyException.class)
    Object busy(SearchBusyException e, HttpServletRequest request) {
        return answer(HttpStatus.valueOf(e.status()), new Problem(e.getMessage(), null), request, String.valueOf(e.retryAfterSeconds()));
    }

    private static Object answer(HttpStatus status, Problem problem, HttpServletRequest request, String retryAfter) {
        if (wantsPage(request)) {
            ModelAndView page = new ModelAndView("error", Map.of("status", status.value(), "error", status.getReasonPhrase(),
                    "reason", problem.error()), status);
            return page;
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(problem);
    }

    /** A browser asking for a page; the API, exports and feeds always answer in JSON. */
    private static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        return !path.startsWith("/api/") && !path.startsWith("/export/") && !path.startsWith("/feed") && accept != null
                && accept.contains("text/html");
    }
}
