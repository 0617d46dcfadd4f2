package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.rulescope.dialect.ExprWriter;
import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * Writes a detection as an ES|QL query, the way pySigma's ES|QL backend writes one:
 * {@code from <indexes> metadata _id, _index, _version | where ...}, {@code and} binding tighter than {@code or} so
 * only an OR under an AND is grouped, {@code field=="value"}, exact values of one field as {@code field in (...)},
 * {@code starts_with()}, {@code ends_with()}, {@code like} for other wildcards, {@code rlike}, {@code cidr_match()},
 * {@code is null}. Deliberate differences: text is compared without case, as Sigma compares it
 * ({@code to_lower(field)=="value"}); a keyword that names no field is not written (ES|QL needs one); and a
 * number is compared as text ({@code event.code=="4688"}) unless the field is one ECS types as a number
 * ({@code destination.port==80}): ES|QL refuses to compare a keyword field with a number.
 */
final class EsqlWriter extends ExprWriter {

    private EsqlWriter() {
    }

    static QueryWriter.Written write(Expr detection, QueryWriter.Source source) {
        EsqlWriter writer = new EsqlWriter();
        String where = writer.expr(detection);
        String from = source.indexes().isEmpty() || source.indexes().contains("*") ? "*" : String.join(",", new TreeSet<>(source.indexes()));
        return new QueryWriter.Written("from " + from + " metadata _id, _index, _version | where " + (where.isEmpty() ? "true" : where),
                writer.unsupported());
    }

    @Override
    protected String language() {
        return "ES|QL";
    }

    /** AND binds tighter than OR in ES|QL: only an OR under an AND is grouped. */
    @Override
    protected String and(Expr.And and) {
        List<String> parts = new ArrayList<>();
        for (Expr part : and.parts()) {
            String text = expr(part);
            parts.add(part instanceof Expr.Or ? "(" + text + ")" : text);
        }
        return String.join(" and ", parts);
    }

    @Override
    protected String or(Expr.Or or) {
        String list = inList(or);
        return list != null ? list : String.join(" or ", or.parts().stream().map(this::expr).toList());
    }

    @Override
    protected String all() {
        return "true";
    }

    @Override
    protected String not(Expr.Not not) {
        Expr inner = not.inner();
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL) {
            return field(leaf.predicate().field()) + " is not null";
        }
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.EXISTS) {
            return field(leaf.predicate().field()) + " is null";
        }
        String text = expr(inner);
        return "not " + (inner instanceof Expr.And || inner instanceof Expr.Or ? "(" + text + ")" : text);
    }

    /** Exact values of one field ORed: {@code field in ("a", "b")}; ES|QL's {@code in} takes no wildcards. */
    private String inList(Expr.Or or) {
        String field = listField(or, SigmaValues::isPlain);
        if (field == null) {
            return null;
        }
        List<Predicate> values = or.parts().stream().map(part -> ((Expr.Leaf) part).predicate()).toList();
        boolean numbers = values.stream().allMatch(SigmaValues::isNumeric);
        boolean asWritten = numbers || values.stream().allMatch(p -> p.modifiers().contains("cased"));
        List<String> written = values.stream().map(Predicate::value)
                .map(v -> numbers ? v : literal(asWritten ? v : v.toLowerCase(java.util.Locale.ROOT))).toList();
        return (asWritten ? field(field) : "to_lower(" + field(field) + ")") + " in (" + String.join(", ", written) + ")";
    }

    @Override
    protected String leaf(Predicate p) {
        String field = field(p.field());
        return switch (p.kind()) {
            case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> text(field, p);
            case GT -> field + ">" + p.value();
            case GTE -> field + ">=" + p.value();
            case LT -> field + "<" + p.value();
            case LTE -> field + "<=" + p.value();
            case EXISTS -> field + " is not null";
            case NULL -> field + " is null";
            case RE -> field + " rlike " + SigmaValues.quote(SigmaValues.wholeValueRegex(p.value()));
            case CIDR -> "cidr_match(" + field + ", \"" + p.value() + "\")";
            case FIELDREF -> field + "==" + field(p.value());
        };
    }

    /**
     * {@code ==} for an exact value, {@code starts_with}/{@code ends_with} where one end is open, else {@code like}.
     * ES|QL compares text with case and Sigma without, so both sides are lower-cased ({@code to_lower(field)}), as
     * Elastic's own ES|QL rules write it; a Sigma {@code |cased} value is compared as written.
     */
    private static String text(String field, Predicate p) {
        if (SigmaValues.isNumeric(p)) {
            return field + "==" + p.value();
        }
        boolean cased = p.modifiers().contains("cased");
        String subject = cased ? field : "to_lower(" + field + ")";
        Predicate value = cased ? p : new Predicate(p.field(), p.dataModel(), p.kind(), p.value().toLowerCase(java.util.Locale.ROOT), p.modifiers(),
                p.viaMacro());
        if (SigmaValues.isPlain(value)) {
            return subject + "==" + literal(value.value());
        }
        boolean inner = SigmaValues.hasWildcards(value.value());
        if (value.kind() == Kind.STARTSWITH && !inner) {
            return "starts_with(" + subject + ", " + SigmaValues.quote(SigmaValues.text(value.value())) + ")";
        }
        if (value.kind() == Kind.ENDSWITH && !inner) {
            return "ends_with(" + subject + ", " + SigmaValues.quote(SigmaValues.text(value.value())) + ")";
        }
        String like = SigmaValues.render(value, EsqlWriter::likeLiteral, "*", "?", c -> "\\\\" + c);
        return subject + " like \"" + like + "\"";
    }

    /**
     * Literal text inside a {@code like} pattern, in a quoted string: LIKE reads a backslash as its escape, so a
     * backslash the value holds is doubled for LIKE and again for the string ({@code C:\\\\Windows}), as Elastic's
     * own ES|QL rules write it. pySigma doubles it once, which LIKE reads as escaping the next character.
     */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\\\\\").replace("\"", "\\\"");
    }

    private static String literal(String value) {
        return SigmaValues.quote(SigmaValues.text(value));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String field(String name) {
        return SigmaValues.backquoted(name);
    }
}
