package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.dialect.ExprWriter;
import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * Writes a detection in the shared model as a KQL {@code where} expression, the way pySigma's Kusto backend writes
 * one: {@code and}/{@code or} with every compound part of an AND parenthesised, {@code not(...)}, {@code =~} for
 * equality (KQL's case-insensitive comparison, as Sigma's), several equal values as {@code in~ (...)}, {@code contains}
 * / {@code startswith} / {@code endswith} for Sigma's modifiers, and a wildcard inside a value as the pieces around it
 * ({@code a*b} is {@code startswith "a" and endswith "b"}), which matches a little more than the pattern.
 */
final class KqlWriter extends ExprWriter {

    private KqlWriter() {
    }

    /** The where-expression alone, or a query over the pipeline's table ({@code DeviceProcessEvents\n| where ...}). */
    static QueryWriter.Written write(Expr detection, QueryWriter.Source source) {
        KqlWriter writer = new KqlWriter();
        String where = writer.expr(detection);
        String query = source.table() == null ? where : source.table() + "\n| where " + where;
        return new QueryWriter.Written(query, writer.unsupported());
    }

    @Override
    protected String language() {
        return "KQL";
    }

    @Override
    protected String and(Expr.And and) {
        List<String> parts = new ArrayList<>();
        for (Expr part : and.parts()) {
            String text = expr(part);
            parts.add(part instanceof Expr.Leaf leaf && !isSplit(leaf.predicate()) ? text : "(" + text + ")");
        }
        return String.join(" and ", parts);
    }

    @Override
    protected String not(Expr.Not not) {
        String inner = expr(not.inner());
        return not.inner() instanceof Expr.Leaf leaf && !isSplit(leaf.predicate()) ? "not(" + inner + ")" : "not((" + inner + "))";
    }

    @Override
    protected String all() {
        return "true";
    }

    /** An OR: equal values of one field as {@code in~ (...)}, the other parts ORed beside it, ANDs parenthesised. */
    @Override
    protected String or(Expr.Or or) {
        List<String> parts = new ArrayList<>();
        String inField = listField(or, p -> true);
        List<String> equal = new ArrayList<>();
        for (Expr part : or.parts()) {
            if (inField != null && part instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.EQ && !isNumber(leaf.predicate().value())
                    && !cased(leaf.predicate())) {
                equal.add(quote(String.join("", pieces(leaf.predicate().value()))));
            }
        }
        if (equal.size() >= 2) {
            parts.add(field(inField) + " in~ (" + String.join(", ", equal) + ")");
        }
        for (Expr part : or.parts()) {
            boolean inList = equal.size() >= 2 && part instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.EQ
                    && !isNumber(leaf.predicate().value()) && !cased(leaf.predicate());
            if (inList) {
                continue;
            }
            String text = expr(part);
            boolean group = part instanceof Expr.And || part instanceof Expr.Leaf leaf && isSplit(leaf.predicate());
            parts.add(group ? "(" + text + ")" : text);
        }
        return String.join(" or ", parts);
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z_0-9]*(\\.[A-Za-z_][A-Za-z_0-9]*)*");

    /** A column name, bracketed where KQL would not read it bare ({@code ['cs-uri-query']}). */
    private static String field(String name) {
        return NAME.matcher(name).matches() ? name : "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    @Override
    protected String leaf(Predicate p) {
        String field = field(p.field());
        return switch (p.kind()) {
            case EQ -> isNumber(p.value()) || cased(p) ? field + " == " + quote(String.join("", pieces(p.value())), isNumber(p.value()))
                    : field + " =~ " + quote(String.join("", pieces(p.value())));
            case CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> pattern(field, p.kind(), p.value(), cased(p));
            case GT -> field + " > " + p.value();
            case GTE -> field + " >= " + p.value();
            case LT -> field + " < " + p.value();
            case LTE -> field + " <= " + p.value();
            case EXISTS -> "isnotempty(" + field + ")";
            case NULL -> "isempty(" + field + ")";
            case RE -> field + " matches regex " + quote(p.value());
            case CIDR -> "ipv4_is_in_range(" + field + ", " + quote(p.value()) + ")";
            case FIELDREF -> field + " =~ " + p.value();
        };
    }

    /** A value with its modifier's wildcards; a wildcard inside it splits it into the pieces around it, ANDed. */
    /** Sigma's {@code |cased}: KQL's case-sensitive operators ({@code ==}, {@code contains_cs}, ...). */
    private static boolean cased(Predicate p) {
        return p.modifiers().contains("cased");
    }

    private static String quote(String text, boolean number) {
        return number ? text : quote(text);
    }

    private static String pattern(String field, Kind kind, String value, boolean cased) {
        List<String> pieces = pieces(value);
        boolean open = kind == Kind.CONTAINS || kind == Kind.ENDSWITH || value.startsWith("*") || value.startsWith("?");
        boolean openEnd = kind == Kind.CONTAINS || kind == Kind.STARTSWITH || endsWithWildcard(value);
        pieces.removeIf(String::isEmpty);
        if (pieces.isEmpty()) {
            return "isnotempty(" + field + ")";
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean first = i == 0;
            boolean last = i == pieces.size() - 1;
            String op = first && last ? (open ? (openEnd ? "contains" : "endswith") : openEnd ? "startswith" : "=~")
                    : first && !open ? "startswith" : last && !openEnd ? "endswith" : "contains";
            String written = !cased ? op : op.equals("=~") ? "==" : op + "_cs";
            out.add(field + " " + written + " " + quote(pieces.get(i)));
        }
        return String.join(" and ", out);
    }

    private static boolean isSplit(Predicate p) {
        return p.kind().isTextMatch() && p.kind() != Kind.EQ && pieces(p.value()).stream().filter(s -> !s.isEmpty()).count() > 1;
    }

    /** The literal pieces of a Sigma pattern between its wildcards, escapes undone. */
    private static List<String> pieces(String pattern) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                piece.append(pattern.charAt(++i));
            } else if (c == '*' || c == '?') {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }

    private static boolean endsWithWildcard(String pattern) {
        return (pattern.endsWith("*") || pattern.endsWith("?")) && !pattern.endsWith("\\*") && !pattern.endsWith("\\?");
    }

    private static boolean isNumber(String value) {
        return value != null && value.matches("-?\\d+");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
