package io.rulescope.web.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.EventRejectedException;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchService;

/**
 * {@code POST /api/match}: one event in (JSON, Windows event XML or key=value lines, any content type), the rules
 * that fire and nearly fire out. {@code POST /api/match/batch}: newline-delimited JSON events in, one line per event
 * out, written as each is matched.
 */
@RestController
@RequestMapping(path = "/api/match", produces = "application/json")
class MatchApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MatchService service;

    MatchApiController(MatchService service) {
        this.service = service;
    }

    /**
     * The body is read raw before anything looks at parameters: {@code curl -d @event.json} sends a form content type,
     * and reading parameters first would consume the event as a form. The log source choices come from the query.
     */
    @PostMapping
    ResponseEntity<Map<String, Object>> match(HttpServletRequest request, Catalog catalog) throws IOException {
        if (!catalog.isReady()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "the catalog is still loading; try again shortly"));
        }
        long declared = request.getContentLengthLong();
        if (declared > service.limits().maxEventBytes()) {
            throw new EventRejectedException(413, "the event is " + declared + " bytes; the limit is " + service.limits().maxEventBytes());
        }
        String body = MatchService.readBounded(request.getInputStream(), service.limits().maxEventBytes());
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                .getQueryParams();
        LoggedEvent event = service.read(body, decoded(query, "product"), decoded(query, "category"), decoded(query, "service"));
        return ResponseEntity.ok(MatchViews.json(catalog, catalog.matcher().match(event, service.limits().budget())));
    }

    private static String decoded(MultiValueMap<String, String> query, String name) {
        String v = query.getFirst(name);
        return v == null ? null : URLDecoder.decode(v, StandardCharsets.UTF_8);
    }

    /**
     * Each line is one JSON event; each answer line is {@code {"index", "fires": [ids]}} or, for a line that cannot be
     * read, {@code {"index", "error"}}. Blank lines are skipped but counted, so indexes are line numbers from 0.
     */
    @PostMapping(path = "/batch", produces = "application/x-ndjson")
    void batch(HttpServletRequest request, HttpServletResponse response, Catalog catalog) throws IOException {
        if (!catalog.isReady()) {
            error(response, HttpStatus.SERVICE_UNAVAILABLE, "the catalog is still loading; try again shortly");
            return;
        }
        long declared = request.getContentLengthLong();
        long limit = service.limits().maxBatchBytes();
        if (declared > limit) {
            error(response, HttpStatus.PAYLOAD_TOO_LARGE, "the batch is " + declared + " bytes; the limit is " + limit);
            return;
        }
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        BufferedReader in = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        Writer out = response.getWriter();
        long read = 0;
        int index = 0;
        String line;
        while ((line = in.readLine()) != null) {
            read += line.length() + 1;
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("index", index++);
            if (read > limit) {
                answer.put("error", "the batch is larger than " + limit + " bytes; events from here on were not read");
                out.write(JSON.writeValueAsString(answer) + "\n");
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                List<String> fires = catalog.matcher().fires(service.reader().read(line)).stream().map(r -> r.getRuleId()).toList();
                answer.put("fires", fires);
            } catch (EventRejectedException e) {
                answer.put("error", e.getMessage());
            }
            out.write(JSON.writeValueAsString(answer));
            out.write('\n');
        }
        out.flush();
    }

    private static void error(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/json");
        response.getWriter().write(JSON.writeValueAsString(Map.of("error", message)));
    }

    @ExceptionHandler(EventRejectedException.class)
    ResponseEntity<Map<String, Object>> rejected(EventRejectedException e) {
        return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
    }
}
