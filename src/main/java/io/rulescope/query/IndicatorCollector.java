package io.rulescope.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks stage expressions and lists their indicators and search terms, each with the polarity the boolean structure
 * gives it: a leaf under an odd number of NOTs is an exclusion.
 */
public final class IndicatorCollector {

    private final FieldTaxonomy taxonomy;
    private final List<Indicator> indicators = new ArrayList<>();
    private final List<QueryAnalysis.SearchTerm> terms = new ArrayList<>();

    public IndicatorCollector(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public void collect(int stage, Expr expr) {
        collect(stage, expr, Polarity.MATCH, Map.of());
    }

    /** For Sigma: identifiers referenced by the condition are resolved to their own expressions. */
    public void collect(int stage, Expr expr, Polarity polarity, Map<String, ResolvedRef> refs) {
        if (expr instanceof Expr.And and) {
            and.parts().forEach(p -> collect(stage, p, polarity, refs));
        } else if (expr instanceof Expr.Or or) {
            or.parts().forEach(p -> collect(stage, p, polarity, refs));
        } else if (expr instanceof Expr.Not not) {
            collect(stage, not.inner(), polarity.flip(), refs);
        } else if (expr instanceof Expr.Leaf leaf) {
            indicators.add(indicator(stage, leaf.predicate(), polarity));
        } else if (expr instanceof Expr.Term term) {
            terms.add(new QueryAnalysis.SearchTerm(stage, term.text(), polarity));
        } else if (expr instanceof Expr.Ref ref && refs.containsKey(ref.identifier())) {
            ResolvedRef target = refs.get(ref.identifier());
            collect(target.stage(), target.expr(), polarity, Map.of());
        }
    }

    private Indicator indicator(int stage, Predicate p, Polarity polarity) {
        boolean cased = p.modifiers().contains("cased") || p.modifiers().contains("case");
        return new Indicator(p.field(), p.dataModel(), taxonomy.canonical(p.field()), p.kind(), p.value(), polarity, p.modifiers(), cased, stage, p.viaMacro());
    }

    public List<Indicator> indicators() {
        return List.copyOf(indicators);
    }

    public List<QueryAnalysis.SearchTerm> terms() {
        return List.copyOf(terms);
    }

    /** A Sigma identifier's expression and the stage that shows it. */
    public record ResolvedRef(int stage, Expr expr) {
    }

    /** Renders an expression in one line for pages: {@code sourcetype eq aws:cloudtrail AND NOT (...)}. */
    public static String render(Expr expr) {
        if (expr instanceof Expr.And and) {
            return join(and.parts(), " AND ");
        } else if (expr instanceof Expr.Or or) {
            return join(or.parts(), " OR ");
        } else if (expr instanceof Expr.Not not) {
            return "NOT " + wrap(not.inner());
        } else if (expr instanceof Expr.Leaf leaf) {
            return leaf.predicate().toString();
        } else if (expr instanceof Expr.Term term) {
            return "\"" + term.text() + "\"";
        } else if (expr instanceof Expr.Ref ref) {
            return ref.identifier();
        } else if (expr instanceof Expr.Opaque opaque) {
            return "[not analysed: " + opaque.text() + "]";
        }
        return "*";
    }

    private static String join(List<Expr> parts, String op) {
        List<String> rendered = parts.stream().map(IndicatorCollector::wrap).toList();
        return String.join(op, rendered);
    }

    private static String wrap(Expr e) {
        return e instanceof Expr.And || e instanceof Expr.Or ? "(" + render(e) + ")" : render(e);
    }

}
