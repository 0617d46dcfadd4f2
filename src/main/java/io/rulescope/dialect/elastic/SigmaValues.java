package io.rulescope.dialect.elastic;

import java.util.function.UnaryOperator;

import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * A Sigma value as Elastic's languages write it. Every Sigma value is a pattern: {@code *} and {@code ?} are
 * wildcards, {@code \*}, {@code \?} and {@code \\} the characters themselves, and a backslash before anything else is
 * itself. A modifier adds wildcards around the value ({@code contains} is {@code *value*}).
 */
final class SigmaValues {

    private SigmaValues() {
    }

    /**
     * The predicate's value written out with its modifier's wildcards around it ({@code contains} as {@code *value*}).
     * The wildcards are added after rendering: added to the Sigma text, one after a trailing backslash would read as
     * an escaped {@code *}.
     */
    static String render(Predicate p, UnaryOperator<String> literal, String multi, String single, UnaryOperator<String> literalWildcard) {
        String body = render(p.value(), literal, multi, single, literalWildcard);
        return switch (p.kind()) {
            case CONTAINS -> multi + body + multi;
            case STARTSWITH -> body + multi;
            case ENDSWITH -> multi + body;
            default -> body;
        };
    }

    /** Whether the pattern has a wildcard that is not escaped. */
    static boolean hasWildcards(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                i++;
            } else if (c == '*' || c == '?') {
                return true;
            }
        }
        return false;
    }

    /** Whether a value, with its modifier, matches the whole field exactly (no wildcard anywhere). */
    static boolean isPlain(Predicate p) {
        return p.kind() == Kind.EQ && p.value() != null && !hasWildcards(p.value());
    }

    /**
     * The pattern written out: each run of literal characters through {@code literal}, each wildcard as the target
     * writes it, and an escaped wildcard (the character itself) through {@code literalWildcard}.
     */
    static String render(String pattern, UnaryOperator<String> literal, String multi, String single, UnaryOperator<String> literalWildcard) {
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                char next = pattern.charAt(++i);
                if (next == '\\') {
                    run.append(next);
                } else {
                    out.append(literal.apply(run.toString())).append(literalWildcard.apply(String.valueOf(next)));
                    run.setLength(0);
                }
            } else if (c == '*' || c == '?') {
                out.append(literal.apply(run.toString())).append(c == '*' ? multi : single);
                run.setLength(0);
            } else {
                run.append(c);
            }
        }
        return out.append(literal.apply(run.toString())).toString();
    }

    /** The text a pattern without wildcards stands for. */
    static String text(String pattern) {
        return render(pattern, s -> s, "*", "?", s -> s);
    }

    private static final java.util.regex.Pattern NUMERIC_FIELD = java.util.regex.Pattern.compile("(?i)(^|\\.)(port|pid|ppid|bytes|packets)$");

    /**
     * Whether an exact value is best compared as a number: a whole number on a field ECS types as one
     * ({@code destination.port}, {@code process.pid}). Other numbers are compared as text, since ECS keeps codes and
     * ids as keywords ({@code event.code}) and ES|QL refuses to compare a keyword with a number.
     */
    static boolean isNumeric(Predicate p) {
        return isPlain(p) && p.value().matches("-?\\d+") && NUMERIC_FIELD.matcher(p.field()).find();
    }

    /**
     * A Sigma regular expression as Elastic's languages need it. Sigma's finds a match anywhere in the value; Lucene's
     * regexp, EQL's {@code regex} and ES|QL's {@code RLIKE} must match the whole value, and Lucene's has no anchors.
     * So an unanchored end gets {@code .*}, and an anchor ({@code ^}, {@code $}) is dropped.
     */
    static String wholeValueRegex(String regex) {
        String body = regex.startsWith("^") ? regex.substring(1) : ".*" + regex;
        boolean anchoredEnd = body.endsWith("$") && !body.endsWith("\\$");
        return anchoredEnd ? body.substring(0, body.length() - 1) : body + ".*";
    }

    private static final java.util.regex.Pattern PLAIN_FIELD = java.util.regex.Pattern.compile("[\\w.]+");

    /** A field name as EQL and ES|QL write it: bare, or in backquotes when it holds other characters ({@code `field name`}). */
    static String backquoted(String name) {
        return PLAIN_FIELD.matcher(name).matches() ? name : "`" + name.replace("`", "``") + "`";
    }

    /** A double-quoted string: backslash and quote escaped. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
