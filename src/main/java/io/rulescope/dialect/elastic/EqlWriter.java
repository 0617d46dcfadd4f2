package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.dialect.ExprWriter;
import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * Writes a detection as an EQL query over any event, the way pySigma's EQL backend writes one:
 * {@code any where}, {@code and}/{@code or}/{@code not}, {@code field:"pattern"} (EQL's case-insensitive match with
 * wildcards), several values of one field as {@code field like~ (...)}, {@code regex~}, {@code cidrMatch()}, and
 * {@code ?field == null} for a field that must be empty. Deliberate differences: a keyword that names no field is
 * not written (pySigma writes a bare string, which EQL does not accept); a regular expression's backslashes are
 * doubled, since an EQL string reads {@code \\d} as an escape before the regex engine sees it (Elastic's own rules
 * write {@code "\\\\."}); and a number is matched as text
 * ({@code event.code:"4688"}), since ECS types such fields as keywords and Elastic's own rules quote them, unless
 * ECS types the field as a number ({@code destination.port == 80}).
 */
final class EqlWriter extends ExprWriter {

    private EqlWriter() {
    }

    static QueryWriter.Written write(Expr detection, QueryWriter.Source source) {
        EqlWriter writer = new EqlWriter();
        String where = writer.expr(detection);
        return new QueryWriter.Written("any where " + (where.isEmpty() ? "true" : where), writer.unsupported());
    }

    @Override
    protected String language() {
        return "EQL";
    }

    @Override
    protected String and(Expr.And and) {
        return join(and.parts(), " and ");
    }

    @Override
    protected String or(Expr.Or or) {
        String list = inList(or);
        return list != null ? list : join(or.parts(), " or ");
    }

    @Override
    protected String all() {
        return "true";
    }

    /** Under an AND, ORs, NOTs and null checks are grouped; under an OR, ANDs, NOTs and null checks. */
    private String join(List<Expr> parts, String operator) {
        List<String> written = new ArrayList<>();
        for (Expr part : parts) {
            String text = expr(part);
            boolean group = part instanceof Expr.Not not && !isNotNull(not) || isNullCheck(part)
                    || (operator.equals(" and ") ? part instanceof Expr.Or : part instanceof Expr.And);
            written.add(group ? "(" + text + ")" : text);
        }
        return String.join(operator, written);
    }

    @Override
    protected String not(Expr.Not not) {
        Expr inner = not.inner();
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL) {
            return "?" + field(leaf.predicate().field()) + " != null";
        }
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.EXISTS) {
            return "?" + field(leaf.predicate().field()) + " == null";
        }
        String text = expr(inner);
        return "not " + (inner instanceof Expr.And || inner instanceof Expr.Or || isNullCheck(inner) ? "(" + text + ")" : text);
    }

    /** {@code ?field != null}: a plain comparison, not a negated group. */
    private static boolean isNotNull(Expr.Not not) {
        return not.inner() instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL;
    }

    private static boolean isNullCheck(Expr e) {
        return e instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL;
    }

    /** Text values of one field ORed: {@code field like~ ("a", "*b*")}. */
    private String inList(Expr.Or or) {
        String field = listField(or, p -> p.kind().isTextMatch() && p.value() != null && !p.modifiers().contains("cased"));
        if (field == null) {
            return null;
        }
        List<String> values = or.parts().stream().map(part -> ((Expr.Leaf) part).predicate())
                .map(p -> SigmaValues.isNumeric(p) ? p.value() : pattern(p)).toList();
        return field(field) + " like~ (" + String.join(", ", values) + ")";
    }

    @Override
    protected String leaf(Predicate p) {
        String field = field(p.field());
        return switch (p.kind()) {
            case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> p.value().isEmpty() ? field + "==\"\""
                    : SigmaValues.isNumeric(p) ? field + " == " + p.value()
                    // Sigma's |cased: EQL's case-sensitive comparisons
                    : p.modifiers().contains("cased") ? (SigmaValues.isPlain(p) ? field + " == " : field + " like ") + pattern(p)
                    : field + ":" + pattern(p);
            case GT -> field + " > " + p.value();
            case GTE -> field + " >= " + p.value();
            case LT -> field + " < " + p.value();
            case LTE -> field + " <= " + p.value();
            case EXISTS -> "?" + field + " != null";
            case NULL -> "?" + field + " == null";
            case RE -> field + " regex~ " + SigmaValues.quote(SigmaValues.wholeValueRegex(p.value()));
            case CIDR -> "cidrMatch(" + field + ", \"" + p.value() + "\")";
            case FIELDREF -> field + " == " + field(p.value());
        };
    }

    /**
     * A quoted EQL pattern with the value's wildcards. EQL's wildcard match has no escape, so a literal {@code *} or
     * {@code ?} is written as the wildcard, which matches it and a little more.
     */
    private static String pattern(Predicate p) {
        return "\"" + SigmaValues.render(p, EqlWriter::escape, "*", "?", c -> c) + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String field(String name) {
        return SigmaValues.backquoted(name);
    }
}
