package io.rulescope.convert;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Sigma rule's {@code logsource}: each part lower-cased, or null when the rule leaves it out. */
public record LogSource(String product, String category, String service) {

    public static final LogSource ANY = new LogSource(null, null, null);

    public LogSource {
        product = normal(product);
        category = normal(category);
        service = normal(service);
    }

    /** The log source a Sigma rule names. */
    public static LogSource of(io.rulescope.rule.Rule rule) {
        return new LogSource(rule.getLogsourceProduct(), rule.getLogsourceCategory(), rule.getLogsourceService());
    }

    private static String normal(String part) {
        return part == null || part.isBlank() ? null : part.strip().toLowerCase(Locale.ROOT);
    }

    /** "product windows, category process_creation", as pages and reasons name it. */
    @Override
    public String toString() {
        String parts = Stream.of(product == null ? null : "product " + product, category == null ? null : "category " + category,
                service == null ? null : "service " + service).filter(java.util.Objects::nonNull).collect(Collectors.joining(", "));
        return parts.isEmpty() ? "(none given)" : parts;
    }
}
