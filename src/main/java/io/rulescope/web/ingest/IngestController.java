package io.rulescope.web.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.json.JsonMapper;

import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.IngestProperties;
import io.rulescope.ingest.IngestService;

@Controller
class IngestController {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final IngestService ingest;
    private final IngestProperties properties;

    IngestController(IngestService ingest, IngestProperties properties) {
        this.ingest = ingest;
        this.properties = properties;
    }

    @GetMapping("/ingest")
    String page(Model model) {
        model.addAttribute("report", ingest.report());
        model.addAttribute("refreshing", ingest.refreshInProgress());
        model.addAttribute("refreshes", ingest.refreshes());
        return "ingest";
    }

    /** The report of the catalog served, plus the refresh under way and the last refreshes. */
    @GetMapping(path = "/api/ingest", produces = "application/json")
    @ResponseBody
    Map<String, Object> api() {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(JSON.convertValue(ingest.report(), Map.class));
        IngestReport refreshing = ingest.refreshInProgress();
        body.put("refresh", refreshing == null ? null : Map.of("id", ingest.refreshInProgressId(), "phase", refreshing.phase(),
                "filesDone", refreshing.filesDone(), "filesTotal", refreshing.filesTotal(), "startedAt", refreshing.startedAt().toString()));
        body.put("refreshes", ingest.refreshes());
        return body;
    }

    /**
     * Starts a refresh now. Only with the configured admin token: without one configured the endpoint does not exist
     * (404); with a wrong or missing one it answers 401, after a comparison that takes as long whatever the guess.
     */
    @PostMapping(path = "/api/refresh", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> refresh(@RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!properties.hasAdminToken()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not found"));
        }
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"rulescope\"")
                    .body(Map.of("error", "a valid admin token is required: Authorization: Bearer <token>"));
        }
        String id = ingest.requestRefresh("api");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id, "status", "/api/ingest"));
    }

    private boolean authorized(String authorization) {
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        return MessageDigest.isEqual(sha256(presented), sha256(properties.adminToken()));
    }

    /** Hashing first makes the comparison's time independent of the token's length as well as its content. */
    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
