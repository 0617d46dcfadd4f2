package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.dialect.ExprWriter;
import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;

/**
 * Writes a detection as a Lucene query string, the way pySigma's Lucene backend writes one: {@code AND}, {@code OR},
 * {@code NOT}, with every compound part of a compound parenthesised (Lucene has no operator precedence worth relying
 * on), several values of one field as {@code field:(a OR b)}, values unquoted with Lucene's special characters
 * escaped and Sigma's wildcards kept, {@code /regex/}, {@code _exists_:field} for a field that must (not) be empty.
 */
final class LuceneWriter extends ExprWriter {

    private static final String SPECIAL = "\\+-=&|!(){}[]^\"~:/<> ";

    private LuceneWriter() {
    }

    static QueryWriter.Written write(Expr detection, QueryWriter.Source source) {
        LuceneWriter writer = new LuceneWriter();
        String query = writer.expr(detection);
        return new QueryWriter.Written(query.isEmpty() ? "*" : query, writer.unsupported());
    }

    @Override
    protected String language() {
        return "Lucene";
    }

    @Override
    protected String and(Expr.And and) {
        return join(and.parts(), " AND ");
    }

    @Override
    protected String or(Expr.Or or) {
        String list = inList(or);
        return list != null ? list : join(or.parts(), " OR ");
    }

    /** A keyword searched in every field, as Lucene's query string does with a bare word. */
    @Override
    protected String term(Expr.Term term) {
        return "*" + escape(term.text()) + "*";
    }

    @Override
    protected String all() {
        return "*";
    }

    private String join(List<Expr> parts, String operator) {
        List<String> written = new ArrayList<>();
        for (Expr part : parts) {
            String text = expr(part);
            written.add(isCompound(part) ? "(" + text + ")" : text);
        }
        return String.join(operator, written);
    }

    /** Under a NOT, a field that must be empty is one that exists, and the other way round. */
    @Override
    protected String not(Expr.Not not) {
        Expr inner = not.inner();
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL) {
            return "_exists_:" + field(leaf.predicate().field());
        }
        if (inner instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.EXISTS) {
            return "NOT _exists_:" + field(leaf.predicate().field());
        }
        String text = expr(inner);
        return "NOT " + (inner instanceof Expr.And || inner instanceof Expr.Or ? "(" + text + ")" : text);
    }

    /** A part that joins others, or negates: what Lucene must see grouped. */
    private static boolean isCompound(Expr e) {
        if (e instanceof Expr.Not not) {
            return !(not.inner() instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL);
        }
        return e instanceof Expr.And || e instanceof Expr.Or || e instanceof Expr.Leaf leaf && leaf.predicate().kind() == Kind.NULL;
    }

    /** Text values of one field ORed: {@code field:(a OR *b*)}. */
    private String inList(Expr.Or or) {
        String field = listField(or, p -> p.kind().isTextMatch() && p.value() != null);
        if (field == null) {
            return null;
        }
        List<String> values = or.parts().stream().map(part -> value(((Expr.Leaf) part).predicate())).toList();
        return field(field) + ":(" + String.join(" OR ", values) + ")";
    }

    @Override
    protected String leaf(Predicate p) {
        String field = field(p.field());
        return switch (p.kind()) {
            case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> field + ":" + value(p);
            case GT -> field + ":>" + p.value();
            case GTE -> field + ":>=" + p.value();
            case LT -> field + ":<" + p.value();
            case LTE -> field + ":<=" + p.value();
            case EXISTS -> "_exists_:" + field;
            case NULL -> "NOT _exists_:" + field;
            case RE -> field + ":/" + SigmaValues.wholeValueRegex(p.value()).replace("/", "\\/") + "/";
            case CIDR -> field + ":" + escape(p.value());
            case FIELDREF -> unsupported("comparing two fields (" + p.field() + "|fieldref) cannot be written in Lucene");
        };
    }

    private static String value(Predicate p) {
        if (p.value().isEmpty()) {
            return "\"\"";
        }
        return SigmaValues.render(p, LuceneWriter::escape, "*", "?", c -> "\\" + c);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String field(String name) {
        return name.replace(" ", "\\ ");
    }
}
