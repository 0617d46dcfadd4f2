package io.rulescope.dialect;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Lenient typed reads from SnakeYAML's maps: community rule files mix scalars, lists and stray types freely. */
public final class Yamls {

    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private Yamls() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static Map<String, Object> map(Map<String, Object> doc, String key) {
        return map(doc.get(key));
    }

    /** A scalar as text, stripped; null when absent, empty or not a scalar. */
    public static String str(Map<String, Object> doc, String key) {
        return scalar(doc.get(key));
    }

    public static String scalar(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return null;
        }
        String s = value instanceof Date d ? d.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString() : value.toString();
        s = s.strip();
        // Interned: rules repeat values (severities, statuses, authors, boilerplate how-to text) thousands of times.
        return s.isEmpty() ? null : s.intern();
    }

    /** A list of scalars; a lone scalar counts as a list of one, so {@code author: X} and lists read alike. */
    public static List<String> list(Map<String, Object> doc, String key) {
        Object value = doc.get(key);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                String s = scalar(item);
                if (s != null) {
                    out.add(s);
                }
            }
        } else {
            String s = scalar(value);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Text that is usually a string but is sometimes written as a list of lines. */
    public static String text(Map<String, Object> doc, String key) {
        Object value = doc.get(key);
        if (value instanceof List<?>) {
            List<String> lines = list(doc, key);
            return lines.isEmpty() ? null : String.join("\n", lines).intern();
        }
        return scalar(value);
    }

    /**
     * Reads a date as rule files write it: {@code 2024-10-17}, {@code '2024-10-17'} or {@code 2020/10/05}.
     *
     * @throws IllegalArgumentException with a readable reason when the value is not a date
     */
    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
        String s = scalar(value);
        if (s == null) {
            return null;
        }
        try {
            return s.indexOf('/') > 0 ? LocalDate.parse(s, SLASHED) : LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + abbreviate(s) + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    public static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
