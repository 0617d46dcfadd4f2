package io.rulescope.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.rulescope.query.Expr;

/**
 * The walk every query writer shares: one method per kind of node, and what no language can write (an identifier
 * the condition names but the detection lacks, a part the analysis could not read) collected as unsupported, in
 * words. A writer of one language says how it writes an AND, an OR, a NOT and a field's test.
 */
public abstract class ExprWriter {

    private final List<String> unsupported = new ArrayList<>();

    /** The language as reasons name it ("KQL needs one"). */
    protected abstract String language();

    protected abstract String and(Expr.And and);

    protected abstract String or(Expr.Or or);

    protected abstract String not(Expr.Not not);

    protected abstract String leaf(io.rulescope.query.Predicate predicate);

    /** What matches every event. */
    protected abstract String all();

    /** A keyword, which tests no field: most languages need one. */
    protected String term(Expr.Term term) {
        return unsupported("a keyword (\"" + term.text() + "\") matches no field; " + language() + " needs one");
    }

    protected final String expr(Expr e) {
        if (e instanceof Expr.And and) {
            return and(and);
        }
        if (e instanceof Expr.Or or) {
            return or(or);
        }
        if (e instanceof Expr.Not not) {
            return not(not);
        }
        if (e instanceof Expr.Leaf leaf) {
            return leaf(leaf.predicate());
        }
        if (e instanceof Expr.Term term) {
            return term(term);
        }
        if (e instanceof Expr.All) {
            return all();
        }
        if (e instanceof Expr.Ref ref) {
            return unsupported("the identifier " + ref.identifier() + " is not defined");
        }
        Expr.Opaque opaque = (Expr.Opaque) e;
        return unsupported(opaque.reason() == null ? "\"" + opaque.text() + "\"" : opaque.reason());
    }

    /** Names what cannot be written; the text written in its place is empty. */
    protected final String unsupported(String why) {
        unsupported.add(why);
        return "";
    }

    protected final List<String> unsupported() {
        return List.copyOf(unsupported);
    }

    /**
     * The field every part of an OR tests, when each part is a test the writer can put in one list
     * ({@code field in (...)}) and there are at least two; null otherwise.
     */
    protected static String listField(Expr.Or or, Predicate<io.rulescope.query.Predicate> listable) {
        String field = null;
        for (Expr part : or.parts()) {
            if (!(part instanceof Expr.Leaf leaf) || !listable.test(leaf.predicate())
                    || field != null && !field.equals(leaf.predicate().field())) {
                return null;
            }
            field = leaf.predicate().field();
        }
        return or.parts().size() < 2 ? null : field;
    }
}
