package io.rulescope.web.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.system.Html;

/**
 * Splits a YAML text into classed spans for the rule body, line by line. Done on the server so pages need no
 * script and the text stays escaped by the template like any other rule content.
 */
public final class YamlHighlighter {

    private static final Pattern KEY = Pattern.compile("^(\\s*)(- +)?([^\\s#'\"][^:#]*?|\"[^\"]*\"|'[^']*')(:)(?=\\s|$)");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)(- +)");
    private static final Pattern LITERAL = Pattern.compile("-?\\d+(\\.\\d+)?|true|false|null|~|\\|[-+]?|>[-+]?");

    public record Span(String css, String text) {
    }

    private YamlHighlighter() {
    }

    /**
     * The highlighted text as HTML, every piece of rule text escaped here. Pages insert it unescaped: building it
     * once in Java costs far less than one template expression per span.
     */
    public static String toHtml(String yaml) {
        StringBuilder html = new StringBuilder(yaml == null ? 0 : yaml.length() * 2);
        for (List<Span> line : highlight(yaml)) {
            for (Span span : line) {
                String text = Html.escape(span.text());
                if (span.css().isEmpty()) {
                    html.append(text);
                } else {
                    html.append("<span class=\"").append(span.css()).append("\">").append(text).append("</span>");
                }
            }
            html.append('\n');
        }
        return html.toString();
    }

    public static List<List<Span>> highlight(String yaml) {
        List<List<Span>> lines = new ArrayList<>();
        if (yaml == null) {
            return lines;
        }
        for (String line : yaml.split("\\R", -1)) {
            lines.add(line(line));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<Span> line(String line) {
        List<Span> spans = new ArrayList<>();
        if (line.isEmpty()) {
            return spans;
        }
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("#")) {
            spans.add(new Span("y-comment", line));
            return spans;
        }
        if (trimmed.equals("---") || trimmed.equals("...")) {
            spans.add(new Span("y-doc", line));
            return spans;
        }
        String rest = line;
        Matcher key = KEY.matcher(line);
        if (key.lookingAt()) {
            spans.add(new Span("", key.group(1)));
            if (key.group(2) != null) {
                spans.add(new Span("y-dash", key.group(2)));
            }
            spans.add(new Span("y-key", key.group(3)));
            spans.add(new Span("y-punct", key.group(4)));
            rest = line.substring(key.end());
        } else {
            Matcher item = LIST_ITEM.matcher(line);
            if (item.lookingAt()) {
                spans.add(new Span("", item.group(1)));
                spans.add(new Span("y-dash", item.group(2)));
                rest = line.substring(item.end());
            }
        }
        value(rest, spans);
        return spans;
    }

    private static void value(String rest, List<Span> spans) {
        if (rest.isEmpty()) {
            return;
        }
        int comment = commentStart(rest);
        String value = comment >= 0 ? rest.substring(0, comment) : rest;
        String v = value.strip();
        String css = v.startsWith("'") || v.startsWith("\"") ? "y-string" : LITERAL.matcher(v).matches() ? "y-literal" : "y-value";
        spans.add(new Span(css, value));
        if (comment >= 0) {
            spans.add(new Span("y-comment", rest.substring(comment)));
        }
    }

    /** A {@code #} starts a comment only after white space and outside quotes. */
    private static int commentStart(String s) {
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                if (i == 0 || Character.isWhitespace(s.charAt(i - 1))) {
                    quote = c;
                }
            } else if (c == '#' && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
