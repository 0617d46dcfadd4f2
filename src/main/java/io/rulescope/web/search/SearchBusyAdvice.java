package io.rulescope.web.search;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import io.rulescope.search.SearchBusyException;

/**
 * A broad search turned away anywhere a page did not handle it itself (comparisons, browse pages): 429 with the
 * reason and when to ask again, never a 500. The search and matrix pages show it in place instead.
 */
@ControllerAdvice
class SearchBusyAdvice {

    @ExceptionHandler(SearchBusyException.class)
    ResponseEntity<String> busy(SearchBusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(SearchBusyException.RETRY_AFTER_SECONDS))
                .contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }
}
