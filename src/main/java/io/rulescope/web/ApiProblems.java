package io.rulescope.web;

import io.rulescope.error.RulescopeException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place the JSON API, exports and feeds (every {@code @RestController}) turn errors into answers: RFC 9457
 * problem details, for our own exceptions and for Spring MVC's (a missing or mistyped parameter, a method not
 * allowed). Besides the standard members, {@code error} repeats the reason under the name clients have always read,
 * {@code code} names the problem and {@code position} says where in the user's text it lies. Never a 500 for bad
 * input, never a stack trace.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(RulescopeException.class)
    ResponseEntity<ProblemDetail> rejected(RulescopeException e) {
        ProblemDetail problem = problem(HttpStatus.valueOf(e.status()), e.getMessage());
        problem.setProperty("code", e.code());
        if (e.position() != null) {
            problem.setProperty("position", e.position());
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    /** A problem answer from a controller that decides the status itself (not found, unauthorised). */
    public static ProblemDetail problem(HttpStatusCode status, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        problem.setProperty("error", reason);
        return problem;
    }

    /** Spring MVC's own problems get the {@code error} member too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            problem.setProperty("error", problem.getDetail());
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
