package io.rulescope;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person at a browser, as the server sees them: cookies kept by hand (the session cookie is Secure, which Java's
 * cookie manager withholds from plain-HTTP test servers, as browsers do not for localhost), redirects not followed,
 * and the CSRF token read from the last page's forms.
 */
public final class Visitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;
    private String authorization;

    public Visitor(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Every request signs in with HTTP Basic. */
    public Visitor basic(String user, String password) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Every request signs in with a bearer token. */
    public Visitor bearer(String token) {
        authorization = "Bearer " + token;
        return this;
    }

    /** Signs in through the sign-in page, as a person would; the answer is the sign-in POST's. */
    public HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
        get("/sign-in");
        return form("/sign-in", Map.of("username", user, "password", password));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().header("Accept", "text/html,*/*;q=0.8"));
    }

    public HttpResponse<String> getJson(String path) throws IOException, InterruptedException {
        return send(request(path).GET().header("Accept", "application/json"));
    }

    /** A form POST with the CSRF token of the last page read (as a browser submits a form of that page). */
    public HttpResponse<String> form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.putIfAbsent("_csrf", csrf);
        }
        return formWithout(path, all);
    }

    /** A form POST exactly as given: no CSRF token unless the fields carry one. */
    public HttpResponse<String> formWithout(String path, Map<String, String> fields) throws IOException, InterruptedException {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html"));
    }

    public HttpResponse<String> multipart(String path, String boundary, String body) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html"));
    }

    public HttpResponse<String> json(String method, String path, String json) throws IOException, InterruptedException {
        return send(request(path).method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json"));
    }

    public boolean hasSession() {
        return cookies.containsKey("JSESSIONID");
    }

    public String csrf() {
        return csrf;
    }

    public void forgetCookies() {
        cookies.clear();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (!cookies.isEmpty()) {
            StringJoiner header = new StringJoiner("; ");
            cookies.forEach((k, v) -> header.add(k + "=" + v));
            builder.header("Cookie", header.toString());
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (value.isEmpty() || setCookie.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }
}
