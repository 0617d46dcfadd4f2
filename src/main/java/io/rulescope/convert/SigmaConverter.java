package io.rulescope.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.ValueTransforms;
import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.QueryWriter;
import io.rulescope.query.Expr;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;

/**
 * Takes a Sigma rule to a target: the detection its analysis already holds (each search identifier's expression and
 * the condition over them) is resolved into one tree, its value-transforming modifiers applied as pySigma applies
 * them ({@code windash}, {@code base64offset}, ...), and the tree written by the target language's writer. What the
 * target cannot express is named, never dropped.
 */
public final class SigmaConverter {

    /**
     * Modifiers a writer honours or that change nothing it needs to know: {@code all} is already an AND of the
     * values; {@code cased} stays on the value, for each language to compare with case or to name it cannot.
     */
    private static final Set<String> HANDLED = Set.of("all", "cased");

    private SigmaConverter() {
    }

    /** The rule's detection, as its analysis took it apart, written for the target with the rule's fields as written. */
    public static Conversion convert(QueryAnalysis analysis, Target target) {
        return convert(analysis, LogSource.ANY, target);
    }

    /**
     * The rule's detection, as its analysis took it apart, written for the target: its fields renamed by the target's
     * pipeline for the rule's log source, and the pipeline's conditions for that log source put first.
     */
    public static Conversion convert(QueryAnalysis analysis, LogSource logSource, Target target) {
        List<String> unsupported = new ArrayList<>();
        Expr detection = resolve(analysis, unsupported);
        if (detection == null) {
            unsupported.add("the rule has no detection to convert (a correlation, or a condition that could not be read)");
            return new Conversion(target.id(), target.pipeline(), List.of(), List.of(), List.copyOf(unsupported));
        }
        Set<String> notes = new LinkedHashSet<>(unsupported);
        Pipeline.Applied pipeline = target.pipelineFor(logSource);
        if (pipeline.problem() != null) {
            notes.add(pipeline.problem());
            return new Conversion(target.id(), target.pipeline(), List.of(), List.of(), List.copyOf(notes));
        }
        Map<String, Conversion.Mapping> mappings = new java.util.LinkedHashMap<>();
        Expr mapped = withConditions(rename(transform(detection, notes), pipeline, mappings, notes), pipeline.conditions());
        QueryWriter writer = Dialects.writer(target.language())
                .orElseThrow(() -> new IllegalStateException("no dialect writes " + target.language()));
        QueryWriter.Written written = writer.write(mapped, pipeline.source());
        notes.addAll(written.unsupported());
        return new Conversion(target.id(), target.pipeline(), List.of(written.query()), List.copyOf(mappings.values()), List.copyOf(notes));
    }

    /** Each field as the pipeline names it; a field a strict pipeline has no column for is named. */
    private static Expr rename(Expr e, Pipeline.Applied pipeline, Map<String, Conversion.Mapping> mappings, Set<String> unsupported) {
        if (pipeline.pipeline() == null && pipeline.renames().isEmpty()) {
            return e;
        }
        return rebuild(e, atom -> {
            if (!(atom instanceof Expr.Leaf leaf) || leaf.predicate().field() == null) {
                return atom;
            }
            Predicate p = leaf.predicate();
            String to = pipeline.rename(p.field());
            if (to == null) {
                unsupported.add("the field " + p.field() + " has no mapping in " + pipeline.pipeline().name());
                return atom;
            }
            if (!to.equals(p.field())) {
                mappings.putIfAbsent(p.field(), new Conversion.Mapping(p.field(), to));
            }
            String value = p.kind() == Kind.FIELDREF ? (p.value() != null && pipeline.rename(p.value()) != null ? pipeline.rename(p.value()) : p.value())
                    : p.kind().isTextMatch() ? pipeline.value(p.field(), p.value()) : p.value();
            return to.equals(p.field()) && java.util.Objects.equals(value, p.value()) ? atom
                    : new Expr.Leaf(new Predicate(to, p.dataModel(), p.kind(), value, p.modifiers(), p.viaMacro()));
        });
    }

    /**
     * The pipeline's conditions first, ANDed with the detection as one part: each writer groups it as its language
     * needs (SPL and ES|QL need no parentheses there, Lucene and KQL write them).
     */
    private static Expr withConditions(Expr detection, Map<String, String> conditions) {
        if (conditions.isEmpty()) {
            return detection;
        }
        List<Expr> parts = new ArrayList<>();
        conditions.forEach((field, value) -> parts.add(new Expr.Leaf(Predicate.of(field, Kind.EQ, value))));
        parts.add(detection);
        return new Expr.And(List.copyOf(parts));
    }

    /** The condition with every search identifier it names put in its place; null without a readable condition. */
    static Expr resolve(QueryAnalysis analysis, List<String> unsupported) {
        Map<String, Expr> identifiers = new HashMap<>();
        Expr condition = null;
        for (StageAnalysis stage : analysis.stages()) {
            if (stage.command().equals("condition")) {
                condition = stage.expression();
            } else if (stage.depth() == 0 && stage.expression() != null) {
                identifiers.put(stage.command(), stage.expression());
            }
        }
        if (condition == null || condition instanceof Expr.Opaque) {
            return null;
        }
        if (stage(analysis).note() != null) {
            unsupported.add("the condition's " + stage(analysis).note());
        }
        return substitute(condition, identifiers);
    }

    private static StageAnalysis stage(QueryAnalysis analysis) {
        return analysis.stages().get(analysis.stages().size() - 1);
    }

    private static Expr substitute(Expr e, Map<String, Expr> identifiers) {
        return rebuild(e, atom -> atom instanceof Expr.Ref ref ? identifiers.getOrDefault(ref.identifier(), ref) : atom);
    }

    /** The tree with each atom (anything but AND, OR and NOT) replaced as {@code atom} says. */
    private static Expr rebuild(Expr e, java.util.function.UnaryOperator<Expr> atom) {
        if (e instanceof Expr.And and) {
            return new Expr.And(and.parts().stream().map(p -> rebuild(p, atom)).toList());
        }
        if (e instanceof Expr.Or or) {
            return new Expr.Or(or.parts().stream().map(p -> rebuild(p, atom)).toList());
        }
        if (e instanceof Expr.Not not) {
            return new Expr.Not(rebuild(not.inner(), atom));
        }
        return atom.apply(e);
    }

    /**
     * Leaves with value-transforming modifiers become the OR of their variants; modifiers no writer can honour are
     * named: {@code expand} (a placeholder a pipeline must fill), and any other this converter does not know.
     */
    static Expr transform(Expr e, Set<String> unsupported) {
        return rebuild(e, atom -> atom instanceof Expr.Leaf leaf ? transform(leaf, unsupported) : atom);
    }

    private static Expr transform(Expr.Leaf leaf, Set<String> unsupported) {
        Predicate p = leaf.predicate();
        List<String> transforms = new ArrayList<>();
        for (String modifier : p.modifiers()) {
            if (ValueTransforms.NAMES.contains(modifier)) {
                transforms.add(modifier);
            } else if (modifier.equals("expand")) {
                unsupported.add("the placeholder in " + p.field() + "|expand needs a pipeline that fills it");
            } else if (!HANDLED.contains(modifier)) {
                unsupported.add("the modifier " + p.field() + "|" + modifier);
            }
        }
        if (transforms.isEmpty() || p.value() == null) {
            return leaf;
        }
        List<Expr> variants = new ArrayList<>();
        for (ValueTransforms.Variant v : ValueTransforms.apply(p.value(), transforms)) {
            Kind kind = p.kind() == Kind.WILDCARD && !v.wildcards() ? Kind.EQ : p.kind();
            List<String> kept = p.modifiers().contains("cased") ? List.of("cased") : List.of();
            variants.add(new Expr.Leaf(new Predicate(p.field(), p.dataModel(), kind, v.text(), kept, p.viaMacro())));
        }
        return variants.size() == 1 ? variants.get(0) : new Expr.Or(List.copyOf(variants));
    }
}
