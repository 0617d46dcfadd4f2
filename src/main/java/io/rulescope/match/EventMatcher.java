package io.rulescope.match;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every rule of one catalog compiled to run on events, with the prefilter that sends an event only to the rules that
 * can match it. Built once per catalog and never changed, so any number of requests use it at once.
 */
public final class EventMatcher {

    public static final EventMatcher EMPTY = new EventMatcher(List.of(), FieldTaxonomy.NONE);

    /** "Nearly fires": at least this share of the predicates a rule needs match, and at least two of them. */
    static final double NEAR_RATIO = 0.5;
    static final int NEAR_LIMIT = 25;

    private final List<Program> programs;
    private final Map<String, Integer> byUid = new HashMap<>();
    private final FieldTaxonomy taxonomy;
    private final Prefilter prefilter;
    private final Map<String, Integer> notEvaluated;
    private final Logsources logsources;
    /** Per program, the index of its rule's Sigma log source among the distinct ones ({@code triples}); -1 for none. */
    private final int[] tripleOf;
    private final List<String[]> triples = new ArrayList<>();
    private final List<Map<String, Integer>> evaluableByTriple;
    /** Field names as events write them, to the key rules use; a bounded memo, since folding is a lookup per field. */
    private final Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

    /** The Sigma log source values the catalog's rules use, for the page's "treat the event as" choices. */
    public record Logsources(List<String> products, List<String> categories, List<String> services) {
    }

    /** Rules whose detection holds on an empty event; see the constructor. */
    private final BitSet firesOnNothing = new BitSet();

    private EventMatcher(List<Program> programs, FieldTaxonomy taxonomy) {
        this.programs = List.copyOf(programs);
        this.taxonomy = taxonomy;
        for (int i = 0; i < this.programs.size(); i++) {
            byUid.put(this.programs.get(i).rule().getUid(), i);
        }
        this.prefilter = new Prefilter(this.programs);
        Map<String, Integer> reasons = new TreeMap<>();
        for (Program p : this.programs) {
            if (!p.evaluable()) {
                reasons.merge(reasonGroup(p.notEvaluated()), 1, Integer::sum);
            }
        }
        this.notEvaluated = Map.copyOf(reasons);
        java.util.SortedSet<String> products = new java.util.TreeSet<>();
        java.util.SortedSet<String> categories = new java.util.TreeSet<>();
        java.util.SortedSet<String> services = new java.util.TreeSet<>();
        for (Program p : this.programs) {
            addLower(products, p.rule().getLogsourceProduct());
            addLower(categories, p.rule().getLogsourceCategory());
            addLower(services, p.rule().getLogsourceService());
        }
        this.logsources = new Logsources(List.copyOf(products), List.copyOf(categories), List.copyOf(services));
        this.tripleOf = new int[this.programs.size()];
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < this.programs.size(); i++) {
            Rule r = this.programs.get(i).rule();
            if (!r.getFormat().scopedByLogsource()) {
                tripleOf[i] = -1;
                continue;
            }
            // Normalised once here: the per-event comparisons then allocate nothing.
            String[] triple = {EventSource.norm(r.getLogsourceProduct()), EventSource.norm(r.getLogsourceCategory()),
                    EventSource.norm(r.getLogsourceService())};
            tripleOf[i] = ids.computeIfAbsent(String.join("\u0000", String.valueOf(triple[0]), String.valueOf(triple[1]), String.valueOf(triple[2])),
                    k -> {
                        triples.add(triple);
                        return triples.size() - 1;
                    });
        }
        this.evaluableByTriple = evaluableByTriple();
        // A detection that holds on an event with no fields at all (condition: not selection) says nothing about an
        // event of an unknown log source: it would fire on {"a": "b"}. Such rules fire only where the log source fits.
        EventFields nothing = fieldsOf(new LoggedEvent("json", List.of(), EventSource.UNKNOWN, List.of()));
        for (int i = 0; i < this.programs.size(); i++) {
            Program p = this.programs.get(i);
            Rule r = p.rule();
            boolean hasLogsource = r.getLogsourceProduct() != null || r.getLogsourceCategory() != null || r.getLogsourceService() != null;
            if (tripleOf[i] >= 0 && hasLogsource && p.evaluable() && p.root().test(nothing)) {
                firesOnNothing.set(i);
            }
        }
    }

    /** Per log source (index + 1; 0 for rules without one), evaluable rules by platform, for the summary. */
    private List<Map<String, Integer>> evaluableByTriple() {
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int t = 0; t <= triples.size(); t++) {
            out.add(new java.util.TreeMap<>());
        }
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            if (p.evaluable()) {
                String platform = p.rule().getPlatform() == null || p.rule().getPlatform().isBlank() ? "other" : p.rule().getPlatform();
                out.get(tripleOf[i] + 1).merge(platform, 1, Integer::sum);
            }
        }
        return out;
    }

    /** The event's fields keyed the way rules name them, folding each field name once per catalog. */
    EventFields fieldsOf(LoggedEvent event) {
        return EventFields.of(event, name -> keys.size() < 50_000 ? keys.computeIfAbsent(name, n -> EventFields.key(taxonomy, n))
                : EventFields.key(taxonomy, name));
    }

    private static void addLower(java.util.Set<String> set, String value) {
        if (value != null && !value.isBlank() && value.length() < 64) {
            set.add(value.strip().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public Logsources logsources() {
        return logsources;
    }

    /** Compiles every rule; a rule that cannot be compiled is kept, with the reason, rather than failing the catalog. */
    public static EventMatcher build(List<Rule> rules, Function<Rule, QueryAnalysis> analyses, FieldTaxonomy taxonomy) {
        RuleCompiler compiler = new RuleCompiler(taxonomy);
        // Compiling is pure per rule, so it runs on every core; publishing waits for it.
        List<Program> programs = rules.parallelStream().map(rule -> {
            try {
                return compiler.compile(rule, analyses.apply(rule));
            } catch (RuntimeException e) {
                return new Program(rule, null, false, "could not be compiled: " + e.getMessage(), List.of());
            }
        }).toList();
        return new EventMatcher(programs, taxonomy);
    }

    public int size() {
        return programs.size();
    }

    /** The compiled rule at this position, for tests in this package. */
    Program program(int position) {
        return programs.get(position);
    }

    /** The rule compiled at this position (catalog order). */
    public Rule rule(int position) {
        return programs.get(position).rule();
    }

    public int evaluable() {
        return (int) programs.stream().filter(Program::evaluable).count();
    }

    /** The rules that fire on the event, in catalog order: the streaming path, prefiltered and without explanations. */
    public List<Rule> fires(LoggedEvent event) {
        EventFields fields = fieldsOf(event);
        BitSet candidates = prefilter.candidates(fields, false).fire();
        Fits fits = new Fits(event.source(), tripleOf, triples, firesOnNothing);
        List<Rule> out = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            Program p = programs.get(i);
            if (fits.fits(i) && p.root().test(fields)) {
                out.add(p.rule());
            }
        }
        return out;
    }

    /** The same answer as {@link #fires} found by evaluating every rule: what tests hold the prefilter to. */
    public List<Rule> firesWithoutPrefilter(LoggedEvent event) {
        EventFields fields = fieldsOf(event);
        Fits fits = new Fits(event.source(), tripleOf, triples, firesOnNothing);
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            if (p.evaluable() && fits.fits(i) && p.root().test(fields)) {
                out.add(p.rule());
            }
        }
        return out;
    }

    /** The full answer for one pasted event: fires with the matched predicates, near misses, and the summary. */
    public MatchResult match(LoggedEvent event, Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        EventFields fields = fieldsOf(event);
        Prefilter.Candidates candidates = prefilter.candidates(fields, true);
        Fits fits = new Fits(event.source(), tripleOf, triples, firesOnNothing);
        List<MatchResult.Fired> fired = new ArrayList<>();
        List<NearMiss> near = new ArrayList<>();
        BitSet close = candidates.near();
        boolean cut = false;
        int seen = 0;
        BitSet fire = candidates.fire();
        for (int i = fire.nextSetBit(0); i >= 0; i = fire.nextSetBit(i + 1)) {
            if ((++seen & 63) == 0 && System.nanoTime() > deadline) {
                cut = true;
                break;
            }
            Program p = programs.get(i);
            if (!p.root().test(fields)) {
                continue;
            }
            String misfit = fits.misfit(i);
            close.clear(i);
            if (misfit != null) {
                near.add(new NearMiss(p, p.root().tally(fields), fields, misfit));
            } else {
                fired.add(new MatchResult.Fired(p.rule(), p.evaluation(), distinct(p.root().score(fields).hits()), p.notes()));
            }
        }
        for (int i = close.nextSetBit(0); i >= 0 && !cut; i = close.nextSetBit(i + 1)) {
            if ((++seen & 63) == 0 && System.nanoTime() > deadline) {
                cut = true;
                break;
            }
            Program p = programs.get(i);
            if (!fits.fits(i)) {
                continue;
            }
            long t = p.root().tally(fields);
            if (!Tally.value(t) && Tally.matched(t) >= 2 && Tally.ratio(t) >= NEAR_RATIO) {
                near.add(new NearMiss(p, t, fields, null));
            }
        }
        fired.sort(Comparator.comparing((MatchResult.Fired f) -> f.evaluation().equals("full") ? 0 : 1)
                .thenComparing(f -> severityRank(f.rule().getSeverity())).thenComparing(f -> f.rule().getTitle()));
        near.sort(Comparator.comparing((NearMiss n) -> n.reason() == null ? 1 : 0)
                .thenComparing(n -> -(double) n.matched() / Math.max(1, n.total()))
                .thenComparing(n -> -n.matched()).thenComparing(n -> n.rule().getTitle()));
        List<MatchResult.Near> nearShown = near.stream().limit(NEAR_LIMIT).map(NearMiss::inWords).toList();
        Map<String, Integer> byPlatform = new LinkedHashMap<>();
        int evaluated = 0;
        // Counted per distinct log source rather than per rule: a few hundred fit checks instead of every rule's.
        for (int t = -1; t < triples.size(); t++) {
            if (!fits.fitsTriple(t)) {
                continue;
            }
            for (Map.Entry<String, Integer> e : evaluableByTriple.get(t + 1).entrySet()) {
                evaluated += e.getValue();
                byPlatform.merge(e.getKey(), e.getValue(), Integer::sum);
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        return new MatchResult(event, List.copyOf(fired), nearShown,
                new MatchResult.Summary(evaluated, byPlatform, notEvaluated, event.source().describe(), cut, micros));
    }

    /**
     * A near miss weighed by its tally; what is missing is worked out and put in words only for the ones the answer
     * lists (a few dozen of the hundred or more weighed per event). A rule whose log source does not fit lists nothing
     * missing: the reason says it all.
     */
    private record NearMiss(Program program, long tally, EventFields fields, String reason) {

        Rule rule() {
            return program.rule();
        }

        int matched() {
            return Tally.matched(tally);
        }

        int total() {
            return Tally.total(tally);
        }

        MatchResult.Near inWords() {
            List<String> missing = reason != null ? List.of()
                    : program.root().score(fields).missing().stream().map(Object::toString).distinct().limit(5).toList();
            return new MatchResult.Near(rule(), matched(), total(), missing, reason);
        }
    }

    /** A rule with a predicate that accepts a pasted value, and that predicate as written. */
    public record ValueMatch(Rule rule, String predicate) {
    }

    /** Positive predicates by the field they test, made on the first search for a value. */
    private volatile Map<String, List<Map.Entry<Integer, Leaf>>> leavesByKey;

    /**
     * The rules one of whose predicates (outside an exclusion) accepts {@code value} in {@code field}, the way the
     * rule compares (endswith, contains, a regex, a CIDR...), excluding predicates that test for exactly this value,
     * which the field search finds already. For the search box: {@code Image=C:\...\rundll32.exe}.
     */
    public List<ValueMatch> predicatesAccepting(String field, String value, int limit) {
        EventFields fields = EventFields.of(new LoggedEvent("search", List.of(new LoggedEvent.Field(field, value)), EventSource.UNKNOWN,
                List.of()), taxonomy);
        Map<String, List<Map.Entry<Integer, Leaf>>> index = leavesByKey();
        List<ValueMatch> out = new ArrayList<>();
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (String key : fields.byKey().keySet()) {
            for (Map.Entry<Integer, Leaf> e : index.getOrDefault(key, List.of())) {
                Leaf leaf = e.getValue();
                if (seen.contains(e.getKey()) || "eq".equals(leaf.kind) && value.equalsIgnoreCase(leaf.value)) {
                    continue;
                }
                if (leaf.firstMatch(fields) != null) {
                    seen.add(e.getKey());
                    out.add(new ValueMatch(programs.get(e.getKey()).rule(), leaf.describe()));
                    if (out.size() >= limit) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    private Map<String, List<Map.Entry<Integer, Leaf>>> leavesByKey() {
        Map<String, List<Map.Entry<Integer, Leaf>>> index = leavesByKey;
        if (index == null) {
            Map<String, List<Map.Entry<Integer, Leaf>>> built = new HashMap<>();
            for (int i = 0; i < programs.size(); i++) {
                if (programs.get(i).evaluable()) {
                    collectLeaves(programs.get(i).root(), i, false, built, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                }
            }
            index = leavesByKey = built;
        }
        return index;
    }

    private static void collectLeaves(Node node, int program, boolean negated, Map<String, List<Map.Entry<Integer, Leaf>>> out,
            java.util.Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof Node.And and) {
            and.parts().forEach(p -> collectLeaves(p, program, negated, out, visited));
        } else if (node instanceof Node.Or or) {
            or.parts().forEach(p -> collectLeaves(p, program, negated, out, visited));
        } else if (node instanceof Node.Named named) {
            collectLeaves(named.inner(), program, negated, out, visited);
        } else if (node instanceof Node.Not not) {
            collectLeaves(not.inner(), program, !negated, out, visited);
        } else if (!negated && node instanceof Leaf leaf && leaf.key != null && !(node instanceof Leaf.Exists)
                && !(node instanceof Leaf.Null)) {
            out.computeIfAbsent(leaf.key, k -> new ArrayList<>()).add(Map.entry(program, leaf));
        }
    }

    /** One rule on one event, predicate by predicate; null when the catalog does not hold the rule. */
    public RuleTrace trace(Rule rule, LoggedEvent event) {
        Integer i = byUid.get(rule.getUid());
        if (i == null) {
            return null;
        }
        Program p = programs.get(i);
        if (!p.evaluable()) {
            return new RuleTrace(rule, false, p.evaluation(), List.of(), null, p.notEvaluated(), p.notes(), false);
        }
        EventFields fields = fieldsOf(event);
        String misfit = new Fits(event.source(), tripleOf, triples, firesOnNothing).misfit(i);
        Tracer tracer = new Tracer(fields);
        boolean value = tracer.walk(p.root(), 0);
        return new RuleTrace(rule, value && misfit == null, p.evaluation(), tracer.rows(), misfit, null, p.notes(), tracer.truncated());
    }

    private static List<Hit> distinct(List<Hit> hits) {
        return hits.stream().distinct().toList();
    }

    private static int severityRank(String severity) {
        if (severity == null) {
            return 9;
        }
        return switch (severity.toLowerCase(java.util.Locale.ROOT)) {
            case "critical" -> 0;
            case "high" -> 1;
            case "medium" -> 2;
            case "low" -> 3;
            case "informational", "info" -> 4;
            default -> 5;
        };
    }

    /** Reasons grouped for the summary: the part before a colon ("a correlation rule"). */
    private static String reasonGroup(String reason) {
        int colon = reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : reason;
        if (head.startsWith("its value ")) {
            return "holds an expand placeholder";
        }
        if (head.startsWith("the modifier ")) {
            return "uses a modifier not evaluated";
        }
        return head;
    }

    /** Log source fit of each rule for one event, worked out once per distinct rule log source. */
    private static final class Fits {
        private static final byte UNKNOWN = 0;
        private static final byte FITS = 1;
        private static final byte MISFITS = 2;

        private final EventSource source;
        private final int[] tripleOf;
        private final List<String[]> triples;
        private byte[] fit;

        private final BitSet firesOnNothing;

        Fits(EventSource source, int[] tripleOf, List<String[]> triples, BitSet firesOnNothing) {
            this.source = source;
            this.tripleOf = tripleOf;
            this.triples = triples;
            this.firesOnNothing = firesOnNothing;
        }

        boolean fits(int position) {
            if (!source.isKnown() && firesOnNothing.get(position)) {
                return false;
            }
            return fitsTriple(tripleOf[position]);
        }

        /** Whether rules with this log source (an index into the distinct ones; -1 for none) can fire. */
        boolean fitsTriple(int t) {
            if (t < 0 || !source.isKnown()) {
                return true;
            }
            if (fit == null) {
                fit = new byte[triples.size()];
            }
            if (fit[t] == UNKNOWN) {
                String[] triple = triples.get(t);
                fit[t] = source.fitsNormalised(triple[0], triple[1], triple[2]) ? FITS : MISFITS;
            }
            return fit[t] == FITS;
        }

        /** Why the rule at this position cannot fire, or null: put in words only for the rules a page lists. */
        String misfit(int position) {
            if (fits(position)) {
                return null;
            }
            if (!source.isKnown()) {
                return "the event does not say which log it comes from, and this rule's detection holds on any event that lacks "
                        + "what it excludes, so it is only judged on events of its own log source";
            }
            String[] triple = triples.get(tripleOf[position]);
            return source.misfit(triple[0], triple[1], triple[2]);
        }
    }
}
