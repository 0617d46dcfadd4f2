package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * Writes a detection in the shared model as an SPL search, the way pySigma's Splunk backend writes one, so that users
 * comparing the two see the same query: conditions joined by a space (AND) and {@code OR}, an AND inside an OR
 * parenthesised, several values of one field as {@code field IN (...)}, values quoted with {@code \} and {@code "}
 * escaped. Regular expressions and CIDR ranges are not search terms in SPL: they become {@code | regex} and
 * {@code | where cidrmatch()} commands after the search, which cannot be ORed with the rest; such a detection is
 * named as unsupported rather than written wrong. One deliberate difference from pySigma: a regular expression's
 * backslashes are doubled, since SPL reads {@code \\} in a quoted string as one backslash before the regex engine
 * sees it ({@code \\d} written reaches it as {@code \d}).
 */
final class SplWriter {

    private static final Pattern PLAIN_FIELD = Pattern.compile("[\\w.]+");

    private final List<String> deferred = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();

    private SplWriter() {
    }

    /**
     * The search for a detection whose fields are already named as the target's; over a data model, the complete
     * {@code | tstats} search pySigma's data-model output writes, grouped by every field the pipeline maps.
     */
    static QueryWriter.Written write(Expr detection, QueryWriter.Source source) {
        SplWriter writer = new SplWriter();
        String search = writer.expr(detection, false, false, false);
        if (source.dataModel() != null) {
            return writer.tstats(search.isEmpty() ? "*" : search, source);
        }
        StringBuilder query = new StringBuilder(search.isEmpty() ? "*" : search);
        writer.deferred.forEach(d -> query.append("\n| ").append(d));
        return new QueryWriter.Written(query.toString(), List.copyOf(writer.unsupported));
    }

    private QueryWriter.Written tstats(String where, QueryWriter.Source source) {
        if (!deferred.isEmpty()) {
            unsupported.add("regular expressions and CIDR ranges (| regex, | where cidrmatch) cannot follow a tstats search over "
                    + source.dataModel());
        }
        String dataset = source.dataModel().substring(source.dataModel().lastIndexOf('.') + 1);
        String query = "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime"
                + " max(_time) as lastTime from datamodel=" + source.dataModel() + " where " + where
                + " by " + String.join(" ", source.dataModelFields())
                + "\n| `drop_dm_object_name(" + dataset + ")`"
                + "\n| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)"
                + "\n| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime)";
        return new QueryWriter.Written(query, List.copyOf(unsupported));
    }

    /**
     * @param underOr whether an OR is above this expression (a deferred command cannot be ORed)
     * @param negated whether a NOT is directly above it (a deferred command then negates itself)
     * @param insideNot whether a NOT is anywhere above it (a deferred command cannot take a NOT of a group)
     */
    private String expr(Expr e, boolean underOr, boolean negated, boolean insideNot) {
        if (e instanceof Expr.And and) {
            return join(and.parts(), " ", underOr, true, insideNot);
        }
        if (e instanceof Expr.Or or) {
            return inList(or).orElseGet(() -> join(or.parts(), " OR ", true, false, insideNot));
        }
        if (e instanceof Expr.Not not) {
            return not(not, underOr);
        }
        if (e instanceof Expr.Leaf leaf) {
            return leaf(leaf.predicate(), underOr || insideNot && !negated, negated);
        }
        if (e instanceof Expr.Term term) {
            return "\"" + pattern(term.text()) + "\"";
        }
        if (e instanceof Expr.All) {
            return "*";
        }
        if (e instanceof Expr.Ref ref) {
            return unsupported("the identifier " + ref.identifier() + " is not defined");
        }
        Expr.Opaque opaque = (Expr.Opaque) e;
        return unsupported(opaque.reason() == null ? "\"" + opaque.text() + "\"" : opaque.reason());
    }

    private String join(List<Expr> parts, String separator, boolean underOr, boolean andParent, boolean insideNot) {
        List<String> written = new ArrayList<>();
        for (Expr part : parts) {
            String text = expr(part, underOr, false, insideNot);
            if (text.isEmpty()) {
                continue; // a regex or CIDR match moved after the search
            }
            boolean group = andParent ? part instanceof Expr.Or && !isInList(part) : part instanceof Expr.And;
            written.add(group ? "(" + text + ")" : text);
        }
        return String.join(separator, written);
    }

    private String not(Expr.Not not, boolean underOr) {
        String inner = expr(not.inner(), underOr, true, true);
        if (inner.isEmpty()) {
            return "";
        }
        boolean group = not.inner() instanceof Expr.And || not.inner() instanceof Expr.Or && !isInList(not.inner());
        return "NOT " + (group ? "(" + inner + ")" : inner);
    }

    /** Values of one field ORed: {@code field IN ("a", "b*")}. */
    private java.util.Optional<String> inList(Expr.Or or) {
        if (!isInList(or)) {
            return java.util.Optional.empty();
        }
        List<String> values = new ArrayList<>();
        String field = null;
        for (Expr part : or.parts()) {
            Predicate p = ((Expr.Leaf) part).predicate();
            field = p.field();
            values.add(value(p));
        }
        return java.util.Optional.of(field(field) + " IN (" + String.join(", ", values) + ")");
    }

    private static boolean isInList(Expr e) {
        if (!(e instanceof Expr.Or or) || or.parts().size() < 2) {
            return false;
        }
        String field = null;
        for (Expr part : or.parts()) {
            if (!(part instanceof Expr.Leaf leaf) || !leaf.predicate().kind().isTextMatch()) {
                return false;
            }
            if (field != null && !field.equals(leaf.predicate().field())) {
                return false;
            }
            field = leaf.predicate().field();
        }
        return true;
    }

    private String leaf(Predicate p, boolean underOr, boolean negated) {
        String field = field(p.field());
        if (p.kind().isTextMatch() && p.modifiers().contains("cased")) {
            return unsupported("case-sensitive matching (" + p.field() + "|cased): SPL's search compares without case");
        }
        return switch (p.kind()) {
            case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> field + "=" + value(p);
            case GT -> field + ">" + p.value();
            case GTE -> field + ">=" + p.value();
            case LT -> field + "<" + p.value();
            case LTE -> field + "<=" + p.value();
            case EXISTS -> field + "=*";
            case NULL -> field + "!=*";
            case RE -> deferred(underOr, "ORing regular expressions (" + p.field() + "|re), or negating them in a group, is not supported"
                    + " by SPL's regex command",
                    "regex " + field + (negated ? "!=" : "=") + "\"" + escape(p.value()) + "\"");
            case CIDR -> deferred(underOr, "ORing CIDR matching (" + p.field() + "|cidr), or negating it in a group, is not supported"
                    + " by SPL's where command",
                    "where " + (negated ? "NOT " : "") + "cidrmatch(\"" + p.value() + "\", " + field + ")");
            case FIELDREF -> unsupported("comparing two fields (" + p.field() + "|fieldref) is not written for SPL yet");
        };
    }

    private String deferred(boolean underOr, String whyNot, String command) {
        if (underOr) {
            return unsupported(whyNot);
        }
        deferred.add(command);
        return "";
    }

    private String unsupported(String why) {
        unsupported.add(why);
        return "";
    }

    private static String field(String name) {
        return PLAIN_FIELD.matcher(name).matches() ? name : "\"" + name.replace("\"", "\\\"") + "\"";
    }

    /** A text value as SPL matches it: quoted, with the kind's wildcards, Sigma's {@code ?} as SPL's only wildcard. */
    private static String value(Predicate p) {
        if (p.kind() == Kind.EQ && p.value().matches("-?\\d+")) {
            return p.value();
        }
        String body = pattern(p.value());
        return "\"" + switch (p.kind()) {
            case CONTAINS -> "*" + body + "*";
            case STARTSWITH -> body + "*";
            case ENDSWITH -> "*" + body;
            default -> body;
        } + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * A Sigma value as SPL quotes it. Every Sigma value is a pattern, whatever its modifiers: {@code *} stays,
     * {@code ?} widens to {@code *} (SPL has no one-character wildcard), {@code \\} is one backslash, and a backslash
     * before any other character is itself. {@code \*} and {@code \?} are the characters, which SPL's search cannot
     * tell from wildcards: they widen too.
     */
    private static String pattern(String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                out.append(escape(String.valueOf(pattern.charAt(++i))));
            } else if (c == '?') {
                out.append('*');
            } else {
                out.append(escape(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
