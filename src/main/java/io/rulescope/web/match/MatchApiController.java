package io.rulescope.web.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.rulescope.catalog.Catalog;
import io.rulescope.match.EventRejectedException;
import io.rulescope.match.LoggedEvent;
import io.rulescope.match.MatchService;
import io.rulescope.web.ApiProblems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/match}: one event in (JSON, Windows event XML or key=value lines, any content type), the rules
 * that fire and nearly fire out. {@code POST /api/match/batch}: newline-delimited JSON events in, one line per event
 * out, written as each is matched.
 */
@RestController
@RequestMapping(path = "/api/match", produces = "application/json")
class MatchApiController {

    private final MatchService service;
    /** Spring's own mapper, so streamed batch lines read like every other answer. */
    private final JsonMapper json;

    private final MatchScope scope;

    MatchApiController(MatchService service, JsonMapper json, MatchScope scope) {
        this.service = service;
        this.json = json;
        this.scope = scope;
    }

    /**
     * The body is read raw before anything looks at parameters: {@code curl -d @event.json} sends a form content type,
     * and reading parameters first would consume the event as a form. The log source choices come from the query.
     */
    @PostMapping
    ResponseEntity<Object> match(HttpServletRequest request, Catalog catalog) throws IOException {
        if (!catalog.isReady()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "the catalog is still loading; try again shortly"));
        }
        long declared = request.getContentLengthLong();
        if (declared > service.limits().maxEventBytes()) {
            throw new EventRejectedException(413, "the event is " + declared + " bytes; the limit is " + service.limits().maxEventBytes());
        }
        String body = MatchService.readBounded(request.getInputStream(), service.limits().maxEventBytes());
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance().query(request.getQueryString()).build()
                .getQueryParams();
        LoggedEvent event = service.read(body, decoded(query, "product"), decoded(query, "category"), decoded(query, "service"));
        return ResponseEntity.ok(MatchAnswer.of(catalog, scope.within(catalog, decoded(query, "q"), service.match(catalog.matcher(), event))));
    }

    private static String decoded(MultiValueMap<String, String> query, String name) {
        String v = query.getFirst(name);
        try {
            return v == null ? null : URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EventRejectedException(400, "the query parameter '" + name + "' is not valid URL encoding (a '%' must start"
                    + " two hexadecimal digits)");
        }
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
        // The whole batch is read before the first answer is written. Clients send all of a body before they read:
        // answering while reading filled the buffers both ways, each side waited on the other until a timeout, and
        // Tomcat dispatched the stalled connection to a second thread that waited on the first.
        byte[] body = MatchService.readAtMost(request.getInputStream(), limit + 1);
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        if (body.length > limit) {
            // The rest is not read: the connection closes after the answer rather than swallowing it.
            response.setHeader("Connection", "close");
        }
        BoundedLines in = new BoundedLines(new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(body),
                StandardCharsets.UTF_8)), service.limits().maxEventBytes());
        Writer out = response.getWriter();
        long read = 0;
        int index = 0;
        String line;
        while ((line = in.next()) != null) {
            read += in.consumed();
            int at = index++;
            if (read > limit) {
                out.write(json.writeValueAsString(new BatchLine(at, null, "the batch is larger than " + limit
                        + " bytes; events from here on were not read")) + "\n");
                break;
            }
            if (line.isBlank() && !in.cut()) {
                continue;
            }
            BatchLine answer;
            if (in.cut()) {
                answer = new BatchLine(at, null, "the event is larger than " + service.limits().maxEventBytes() + " bytes; it was not read");
            } else {
                try {
                    answer = new BatchLine(at, service.fires(catalog.matcher(), service.reader().read(line)).stream().map(r -> r.getRuleId()).toList(),
                            null);
                } catch (EventRejectedException e) {
                    answer = new BatchLine(at, null, e.getMessage());
                }
            }
            out.write(json.writeValueAsString(answer));
            out.write('\n');
        }
        out.flush();
    }

    private void error(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        // written by hand, as the answer streams: the same members ApiProblems gives through Spring's converters
        java.util.Map<String, Object> problem = new java.util.LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", message);
        problem.put("error", message);
        response.getWriter().write(json.writeValueAsString(problem));
    }

    /** One line of a batch answer: the rules that fire on the event at {@code index}, or why it could not be read. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record BatchLine(int index, List<String> fires, String error) {
    }
}
