package io.rulescope.web.ingest;

import java.security.MessageDigest;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.IngestService;
import io.rulescope.ingest.RefreshRecord;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.web.ApiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ingest report for tools, and starting a refresh with the admin token.
 */
@RestController
class IngestApiController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestApiController.class);

    private final AdminAttempts attempts = new AdminAttempts(java.time.Clock.systemUTC());
    private final IngestService ingest;
    private final IngestProperties properties;

    IngestApiController(IngestService ingest, IngestProperties properties) {
        this.ingest = ingest;
        this.properties = properties;
    }

    /** The report of the catalog served, plus the refresh under way and the last refreshes. */
    @GetMapping(path = "/api/ingest", produces = "application/json")
    IngestAnswer api(Catalog catalog) {
        IngestReport refreshing = ingest.refreshInProgress(catalog.audience());
        return new IngestAnswer(ingest.report(catalog.audience()), refreshing == null ? null : new Refresh(ingest.refreshInProgressId(),
                refreshing.phase(), refreshing.filesDone(), refreshing.filesTotal(), refreshing.startedAt().toString()),
                ingest.refreshes(catalog.audience()));
    }

    /**
     * Starts a refresh now, for a signed-in admin or with the configured admin token: without either the endpoint does
     * not exist (404); with a wrong or missing token it answers 401, after a comparison that takes as long whatever the
     * guess.
     */
    @PostMapping(path = "/api/refresh", produces = "application/json")
    ResponseEntity<Object> refresh(@RequestHeader(name = "Authorization", required = false) String authorization,
            jakarta.servlet.http.HttpServletRequest request, org.springframework.security.core.Authentication signedIn) {
        if (io.rulescope.account.Grants.has(signedIn, io.rulescope.account.Role.ADMIN)) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(ingest.requestRefresh("admin " + signedIn.getName()), "/api/ingest"));
        }
        if (!properties.hasAdminToken()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.NOT_FOUND, "not found"));
        }
        String client = request.getRemoteAddr();
        long wait = attempts.waitSeconds(client);
        if (wait > 0) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(wait))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "too many failed admin-token attempts from this address; try again in " + wait + " s"));
        }
        if (!authorized(authorization)) {
            int failures = attempts.failed(client);
            log.warn("Refresh refused: {} admin token from {} (failure {} of {} allowed per {} s)",
                    authorization == null ? "no" : "a wrong", client, failures, AdminAttempts.ALLOWED, AdminAttempts.WINDOW_SECONDS);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"rulescope\"")
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.UNAUTHORIZED, "a valid admin token is required: Authorization: Bearer <token>"));
        }
        String id = ingest.requestRefresh("api");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(id, "/api/ingest"));
    }

    private boolean authorized(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        return MessageDigest.isEqual(sha256(presented), sha256(properties.adminToken()));
    }

    /** Hashing first makes the comparison's time independent of the token's length as well as its content. */
    private static byte[] sha256(String text) {
        return io.rulescope.rule.Sha256.of(text);
    }

    /** The report's members at the top level, then the refresh under way (null when none) and the last refreshes. */
    record IngestAnswer(@JsonUnwrapped IngestReport report, Refresh refresh, List<RefreshRecord> refreshes) {
    }

    record Refresh(String id, String phase, long filesDone, long filesTotal, String startedAt) {
    }

    /** Where to follow a refresh that was started. */
    record Started(String id, String status) {
    }
}
