package io.rulescope.match;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.EventEvaluation;
import io.rulescope.query.ValueTransforms;
import io.rulescope.query.Diagnostic;
import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import io.rulescope.rule.Rule;

/**
 * Compiles a rule's analysed detection into a {@link Program}. Sigma rules are compiled whole, per the Sigma
 * specification (value modifiers, wildcards and escapes, case-insensitive unless {@code |cased}); SPL, Kusto,
 * ES|QL rules and EQL sequences only their first stage, since later stages (stats, thresholds, joins, further
 * sequence steps) work on many events; KQL, Lucene and single EQL queries whole.
 */
final class RuleCompiler {

    /** SPL fields that choose which data is searched rather than test the event (index, sourcetype, ...). */
    private static final Set<String> SPL_SELECTORS = Set.of("index", "sourcetype", "source", "eventtype", "tag", "host",
            "earliest", "latest", "_time", "_index_earliest", "_index_latest", "splunk_server", "nodename");

    /**
     * ECS fields that say which data a query reads (an index's dataset, the event category and type, the host's OS)
     * rather than what an event holds: a pasted Windows or CloudTrail event has none of them.
     */
    private static final Set<String> ECS_SELECTORS = Set.of("event.category", "event.type", "event.kind", "event.dataset",
            "event.module", "event.outcome", "data_stream.dataset", "data_stream.namespace", "data_stream.type", "host.os.type",
            "host.os.family", "host.os.name", "host.os.platform", "agent.type", "_index", "ecs.version");

    /** An event code alone chooses a kind of event ({@code EventCode=1}: every process start); it detects nothing. */
    private static final String EVENT_CODE = "event.code";

    private static final Set<String> SIGMA_TRANSFORMS = ValueTransforms.NAMES;

    private static final Set<String> SIGMA_KNOWN = Set.of("all", "cased", "i", "m", "s", "ignorecase", "multiline",
            "dotall", "windash", "base64", "base64offset", "utf16le", "utf16be", "utf16", "wide", "expand");

    private final FieldTaxonomy taxonomy;

    RuleCompiler(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    Program compile(Rule rule, QueryAnalysis analysis) {
        EventEvaluation how = Dialects.of(rule).map(dialect -> dialect.evaluation(rule, analysis))
                .orElseGet(() -> new EventEvaluation.NotEvaluated("event matching does not evaluate rules in "
                        + (rule.getLanguage() == null || rule.getLanguage().isBlank() ? "this format" : rule.getLanguage()) + " yet"));
        if (how instanceof EventEvaluation.NotEvaluated not) {
            return skipped(rule, not.reason());
        }
        if (how instanceof EventEvaluation.SigmaDetection) {
            return sigma(rule, analysis);
        }
        if (how instanceof EventEvaluation.SearchFirstStage) {
            return spl(rule, analysis);
        }
        if (how instanceof EventEvaluation.Filters filters) {
            return filters(rule, analysis, filters.passing(), filters.firstStageOnly());
        }
        if (how instanceof EventEvaluation.SequenceFirstStep) {
            return sequenceStep(rule, analysis);
        }
        throw new IllegalStateException("the matcher has no evaluation for " + how);
    }

    private static Program skipped(Rule rule, String reason) {
        return new Program(rule, null, false, reason, List.of());
    }

    private Program sigma(Rule rule, QueryAnalysis analysis) {
        List<StageAnalysis> stages = analysis.stages();
        if (stages.isEmpty()) {
            return skipped(rule, "the rule has no detection");
        }
        StageAnalysis conditionStage = stages.get(stages.size() - 1);
        Expr condition = conditionStage.expression();
        if (condition == null || condition instanceof Expr.Opaque) {
            return skipped(rule, "its condition could not be read" + (conditionStage.note() == null ? "" : ": " + conditionStage.note()));
        }
        Map<String, Expr> identifiers = new HashMap<>();
        for (StageAnalysis s : stages.subList(0, stages.size() - 1)) {
            identifiers.put(s.command(), s.expression());
        }
        Context cx = new Context(true, identifiers);
        Node root;
        try {
            root = cx.node(condition);
        } catch (Unsupported e) {
            return skipped(rule, e.getMessage());
        }
        boolean aggregation = conditionStage.noteCode() == Diagnostic.AGGREGATION_NOT_ANALYSED;
        return new Program(rule, root, aggregation, null, cx.notes);
    }

    private Program spl(Rule rule, QueryAnalysis analysis) {
        if (analysis.stages().isEmpty() || analysis.stages().get(0).expression() == null) {
            return skipped(rule, "its first stage has no predicates to test");
        }
        Context cx = new Context(false, Map.of());
        Node root;
        try {
            root = cx.node(analysis.stages().get(0).expression());
        } catch (Unsupported e) {
            return skipped(rule, e.getMessage());
        }
        if (!testsContent(root, false)) {
            return skipped(rule, "its first stage only chooses data (index, sourcetype, event code) or requires fields to exist; "
                    + "what it detects is decided in later stages");
        }
        return new Program(rule, root, true, null, cx.notes);
    }

    /**
     * The filters of a query's first stage, ANDed: the query's own (depth 0) filtering stages up to the first stage
     * that is not in {@code pass} (an extend, a parse, a summarize: what follows may test columns an event lacks).
     * With an empty {@code pass} only the first stage counts (a single EQL query).
     */
    private Program filters(Rule rule, QueryAnalysis analysis, Set<String> pass, boolean firstStageOnly) {
        List<Expr> parts = new ArrayList<>();
        Set<String> defined = new java.util.HashSet<>();
        boolean later = false;
        for (StageAnalysis s : analysis.stages()) {
            if (s.depth() > 0) {
                continue;
            }
            if (s.expression() != null) {
                parts.add(s.expression());
            }
            if (pass.isEmpty() || !pass.contains(s.command())) {
                // stages after this one (an EQL pipe, a summarize) are not evaluated
                later = s != analysis.stages().get(analysis.stages().size() - 1);
                break;
            }
            s.defines().forEach(name -> defined.add(name.toLowerCase(Locale.ROOT)));
        }
        return compileFirstStage(rule, parts, defined, firstStageOnly || later || !defined.isEmpty());
    }

    /** An EQL sequence: its first step, labelled first-stage (one event cannot complete a sequence). */
    private Program sequenceStep(Rule rule, QueryAnalysis analysis) {
        List<Expr> parts = analysis.stages().size() > 1 && analysis.stages().get(1).expression() != null
                ? List.of(analysis.stages().get(1).expression()) : List.of();
        return compileFirstStage(rule, parts, Set.of(), true);
    }

    private Program compileFirstStage(Rule rule, List<Expr> parts, Set<String> undecided, boolean firstStage) {
        if (parts.isEmpty()) {
            return skipped(rule, "its first stage has no predicates to test");
        }
        Context cx = new Context(false, Map.of(), true);
        cx.undecided.addAll(undecided);
        Node root;
        try {
            root = cx.node(parts.size() == 1 ? parts.get(0) : new Expr.And(parts));
        } catch (Unsupported e) {
            return skipped(rule, e.getMessage());
        }
        if (!requiresContent(root)) {
            return skipped(rule, "its first stage can be met without testing what an event holds (only data selection, event "
                    + "codes, fields that exist or exclusions); what it detects is decided in later stages");
        }
        return new Program(rule, root, firstStage, null, cx.notes);
    }

    /**
     * Whether every way to meet a first stage tests a value of the event: an AND needs one part that does, an OR all
     * of its branches, a NOT never counts. Stricter than {@link #testsContent}: a Kusto or Elastic first stage whose
     * only value tests sit in exclusions or in one OR branch beside a data-selection branch would fire on anything.
     */
    private static boolean requiresContent(Node node) {
        if (node instanceof Node.And and) {
            return and.parts().stream().anyMatch(RuleCompiler::requiresContent);
        }
        if (node instanceof Node.Or or) {
            return or.parts().stream().allMatch(RuleCompiler::requiresContent);
        }
        if (node instanceof Node.Named named) {
            return requiresContent(named.inner());
        }
        return node instanceof Leaf leaf && !(node instanceof Leaf.Exists) && !(node instanceof Leaf.Null) && !EVENT_CODE.equals(leaf.key);
    }

    /**
     * Whether a first stage looks at what an event says, not only where it comes from: some predicate outside an
     * exclusion compares a value. Without one, "fires" would mean every event of the right sourcetype.
     */
    private static boolean testsContent(Node node, boolean negated) {
        if (node instanceof Node.And and) {
            return and.parts().stream().anyMatch(p -> testsContent(p, negated));
        }
        if (node instanceof Node.Or or) {
            return or.parts().stream().anyMatch(p -> testsContent(p, negated));
        }
        if (node instanceof Node.Named named) {
            return testsContent(named.inner(), negated);
        }
        if (node instanceof Node.Not not) {
            return testsContent(not.inner(), !negated);
        }
        return !negated && node instanceof Leaf leaf && !(node instanceof Leaf.Exists) && !EVENT_CODE.equals(leaf.key);
    }

    /** A rule part that makes the whole rule impossible to evaluate honestly on one event. */
    private static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final class Context {
        private final boolean sigma;
        /** Kusto and Elastic predicates: values are literal unless their kind is a wildcard, case as the modifiers say. */
        private final boolean typed;
        private final Map<String, Expr> identifiers;
        private final Map<String, Node> compiled = new HashMap<>();
        private final List<String> notes = new ArrayList<>();
        /** Columns an earlier stage computed (lower-cased): an event cannot hold them, so their tests stay undecided. */
        private final Set<String> undecided = new java.util.HashSet<>();

        Context(boolean sigma, Map<String, Expr> identifiers) {
            this(sigma, identifiers, false);
        }

        Context(boolean sigma, Map<String, Expr> identifiers, boolean typed) {
            this.sigma = sigma;
            this.identifiers = identifiers;
            this.typed = typed;
        }

        Node node(Expr e) {
            if (e instanceof Expr.And and) {
                return new Node.And(and.parts().stream().map(this::node).toList());
            }
            if (e instanceof Expr.Or or) {
                return new Node.Or(or.parts().stream().map(this::node).toList());
            }
            if (e instanceof Expr.Not not) {
                return new Node.Not(node(not.inner()), not.inner() instanceof Expr.Ref r ? r.identifier() : "NOT " + IndicatorCollector.render(not.inner()));
            }
            if (e instanceof Expr.Ref ref) {
                Node known = compiled.get(ref.identifier());
                if (known == null) {
                    Expr target = identifiers.get(ref.identifier());
                    known = new Node.Named(ref.identifier(), target == null ? new Node.Never("no search identifier " + ref.identifier()) : node(target));
                    compiled.put(ref.identifier(), known);
                }
                return known;
            }
            if (e instanceof Expr.Leaf leaf) {
                return sigma ? sigmaLeaf(leaf.predicate()) : typed ? typedLeaf(leaf.predicate()) : splLeaf(leaf.predicate());
            }
            if (e instanceof Expr.Term term) {
                String v = term.text();
                if (v.isEmpty() || v.chars().allMatch(c -> c == '*')) {
                    return new Node.Always();
                }
                return new Leaf.Keyword(v, List.of(sigma ? TextPattern.sigma(v, Kind.CONTAINS, false) : TextPattern.spl(v, Kind.CONTAINS)));
            }
            if (e instanceof Expr.Opaque opaque) {
                notes.add("not analysed, so never true here: " + opaque.reason());
                return new Node.Never("not analysed: " + opaque.reason());
            }
            return new Node.Always();
        }

        private Node sigmaLeaf(Predicate p) {
            for (String m : p.modifiers()) {
                if (m.equals("expand")) {
                    throw new Unsupported("its value " + p.value() + " holds an expand placeholder that only a deployment can fill in");
                }
                if (!SIGMA_KNOWN.contains(m)) {
                    throw new Unsupported("the modifier |" + m + " is not one Rulescope evaluates");
                }
            }
            boolean cased = p.modifiers().contains("cased");
            String key = EventFields.key(taxonomy, p.field()).intern();
            String kind = p.kind().label();
            return switch (p.kind()) {
                case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> new Leaf.Text(key, p.field(), kind, p.value(), sigmaPatterns(p, cased));
                case RE -> regex(key, p, reFlags(p.modifiers()));
                default -> common(key, p);
            };
        }

        private Node splLeaf(Predicate p) {
            String field = p.field();
            // SPL field names are case-sensitive: Splunk's eventtype selects data, Okta's eventType is content.
            if (SPL_SELECTORS.contains(field) || field.startsWith("tag::")) {
                return new Node.Always();
            }
            String key = EventFields.key(taxonomy, field).intern();
            String kind = p.kind().label();
            return switch (p.kind()) {
                case EQ, CONTAINS, STARTSWITH, ENDSWITH, WILDCARD -> {
                    boolean cased = p.modifiers().contains("case");
                    TextPattern pattern = TextPattern.spl(p.value(), p.kind());
                    yield new Leaf.Text(key, field, kind, p.value(), List.of(cased ? TextPattern.sigma(escapeSigma(p.value()), p.kind(), true) : pattern));
                }
                case RE -> regex(key, p, 0);
                default -> common(key, p);
            };
        }

        /** A Kusto or Elastic predicate; ECS data-selection fields are set aside like SPL's index and sourcetype. */
        private Node typedLeaf(Predicate p) {
            if (ECS_SELECTORS.contains(p.field()) || undecided.contains(p.field().toLowerCase(Locale.ROOT))) {
                return new Node.Always();
            }
            String key = EventFields.key(taxonomy, p.field()).intern();
            String kind = p.kind().label();
            boolean cased = p.modifiers().contains("cased");
            return switch (p.kind()) {
                case EQ, CONTAINS, STARTSWITH, ENDSWITH -> new Leaf.Text(key, p.field(), kind, p.value(),
                        List.of(TextPattern.sigma(literalSigma(p.value()), p.kind(), cased)));
                // EQL and KQL wildcards: * and ? stay wildcards, a backslash is a path separator, never an escape
                case WILDCARD -> new Leaf.Text(key, p.field(), kind, p.value(),
                        List.of(TextPattern.sigma(p.value().replace("\\", "\\\\"), Kind.EQ, cased)));
                case RE -> regex(key, p.modifiers().contains("anchored")
                        ? new Predicate(p.field(), p.dataModel(), p.kind(), "^(?:" + p.value() + ")$", p.modifiers(), p.viaMacro()) : p,
                        p.modifiers().contains("i") ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0);
                default -> common(key, p);
            };
        }

        private Node common(String key, Predicate p) {
            return switch (p.kind()) {
                case EXISTS -> new Leaf.Exists(key, p.field());
                case NULL -> new Leaf.Null(key, p.field());
                case FIELDREF -> new Leaf.FieldRef(key, p.field(), p.value(), EventFields.key(taxonomy, p.value()));
                case GT, GTE, LT, LTE -> {
                    BigDecimal bound = Leaf.Numbers.parse(p.value() == null ? "" : p.value());
                    if (bound == null) {
                        notes.add(p.field() + " " + p.kind().label() + " " + p.value() + ": not a number, so never true");
                        yield new Node.Never(p.field() + " " + p.kind().label() + " " + p.value() + " (not a number)");
                    }
                    yield new Leaf.Compare(key, p.field(), p.kind().label(), p.value(), bound);
                }
                case CIDR -> cidr(key, p);
                default -> new Node.Never(p.toString() + " (not evaluated)");
            };
        }

        private Node cidr(String key, Predicate p) {
            String v = p.value() == null ? "" : p.value().strip();
            int slash = v.indexOf('/');
            byte[] network = Leaf.Addresses.parse(slash < 0 ? v : v.substring(0, slash));
            int max = network == null ? 0 : network.length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (network == null || bits < 0 || bits > max) {
                notes.add(p.field() + " cidr " + v + ": not a network, so never true");
                return new Node.Never(p.field() + " cidr " + v + " (not a network)");
            }
            return new Leaf.Cidr(key, p.field(), v, network, bits);
        }

        private Node regex(String key, Predicate p, int flags) {
            try {
                return new Leaf.Regex(key, p.field(), p.value(), com.google.re2j.Pattern.compile(p.value(), flags));
            } catch (com.google.re2j.PatternSyntaxException e) {
                String reason = "the regular expression " + p.value() + " cannot run on RE2/J (" + e.getDescription() + ")";
                notes.add(reason);
                return new Node.Never(reason);
            }
        }

        private List<TextPattern> sigmaPatterns(Predicate p, boolean cased) {
            List<String> transforms = p.modifiers().stream().filter(SIGMA_TRANSFORMS::contains).toList();
            String value = p.value() == null ? "" : p.value();
            if (transforms.isEmpty()) {
                return List.of(TextPattern.sigma(value, p.kind(), cased));
            }
            return ValueTransforms.apply(value, transforms).stream()
                    .map(v -> v.wildcards() ? TextPattern.sigma(v.text(), p.kind(), cased) : TextPattern.literal(v.text(), p.kind(), cased))
                    .toList();
        }
    }

    private static int reFlags(List<String> modifiers) {
        int flags = 0;
        for (String m : modifiers) {
            switch (m) {
                case "i", "ignorecase" -> flags |= com.google.re2j.Pattern.CASE_INSENSITIVE;
                case "m", "multiline" -> flags |= com.google.re2j.Pattern.MULTILINE;
                case "s", "dotall" -> flags |= com.google.re2j.Pattern.DOTALL;
                default -> {
                }
            }
        }
        return flags;
    }

    /** A literal value (Kusto, EQL ==) written as a Sigma pattern: no character of it is a wildcard. */
    private static String literalSigma(String value) {
        return value.replace("\\", "\\\\").replace("?", "\\?").replace("*", "\\*");
    }

    /** An SPL value written as a Sigma pattern, so a case-sensitive SPL test can reuse the Sigma matcher. */
    private static String escapeSigma(String splValue) {
        return splValue.replace("\\", "\\\\").replace("?", "\\?");
    }
}
