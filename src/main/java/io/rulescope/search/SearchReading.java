package io.rulescope.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.attack.Tactic;
import io.rulescope.attack.Technique;

/**
 * Reads a parsed search the way its user meant it, before it becomes a Lucene query, and says so wherever that
 * differs from how it was typed, with the other reading one click away:
 * <ul>
 * <li>a search of only exclusions ({@code -enc}) is the text itself; an excluded word beside others
 * ({@code powershell -enc}) excludes, and offers the text reading;</li>
 * <li>Sigma's {@code field|modifier:value} is the matching field search ({@code CommandLine=*mimikatz*});</li>
 * <li>a filter value takes its common aliases ({@code platform:sentinel}), and an unknown one gets "did you mean";</li>
 * <li>the name of an ATT&CK technique or tactic ("OS Credential Dumping") also finds the rules mapped to it.</li>
 * </ul>
 * Every consumer of a search (results, exports, the matrix, facet lists) reads it through here, so one query means
 * one set of rules everywhere.
 *
 * @param notes what the page says about how the search was read
 * @param instead other readings of the search, each a query one click away
 * @param typed the typed form of the search, as the results page runs it: without the exclusion of deprecated rules
 *     that {@code node} carries, which the page applies while it counts them; null when nothing is left out
 */
record SearchReading(SearchNode node, List<String> notes, List<SearchResult.Instead> instead, SearchNode typed) {

    SearchReading(SearchNode node, List<String> notes, List<SearchResult.Instead> instead) {
        this(node, notes, instead, null);
    }

    /** {@code status:any} names every status, deprecated included. */
    static final String ANY_STATUS = "any";
    private static final SearchNode.Field DEPRECATED = new SearchNode.Field("status", ":", "deprecated", false, 0);

    /**
     * A typed search leaves deprecated rules out unless it names a status or a rule id: they are kept for history, not
     * for deployment, and used to fill the first page of many searches.
     */
    SearchReading withoutDeprecated() {
        if (mentions(node)) {
            return this;
        }
        return new SearchReading(new SearchNode.And(List.of(node, new SearchNode.Not(DEPRECATED))), notes, instead, node);
    }

    private static boolean mentions(SearchNode node) {
        if (node instanceof SearchNode.And and) {
            return and.parts().stream().anyMatch(SearchReading::mentions);
        }
        if (node instanceof SearchNode.Or or) {
            return or.parts().stream().anyMatch(SearchReading::mentions);
        }
        if (node instanceof SearchNode.Not not) {
            return mentions(not.inner());
        }
        if (node instanceof SearchNode.Field f) {
            return f.name().equalsIgnoreCase("status") || f.name().equalsIgnoreCase("id");
        }
        return node instanceof SearchNode.Word w && LuceneQueries.RULE_ID.matcher(w.text()).matches();
    }

    /** The note and the way back when {@code count} deprecated rules were left out. */
    SearchReading noteLeftOut(String q, long count) {
        if (count == 0) {
            return this;
        }
        List<String> withNote = new ArrayList<>(notes);
        withNote.add(String.format(Locale.ROOT, "%,d deprecated %s left out.", count, count == 1 ? "rule" : "rules"));
        List<SearchResult.Instead> withWayBack = new ArrayList<>(instead);
        withWayBack.add(new SearchResult.Instead(q.strip() + " status:" + ANY_STATUS, "include the deprecated " + (count == 1 ? "rule" : "rules")));
        return new SearchReading(node, List.copyOf(withNote), List.copyOf(withWayBack), typed);
    }

    /** Sigma value modifiers that a field search can express, and how each shapes the value. */
    private static final Map<String, Function<String, String>> SIGMA_MODIFIERS = Map.of(
            "contains", v -> "*" + v + "*", "startswith", v -> v + "*", "endswith", v -> "*" + v,
            "all", v -> v, "windash", v -> v, "cased", v -> v, "exact", v -> v);
    private static final Pattern SIGMA_FIELD_WORD = Pattern.compile("([A-Za-z_][\\w.]*)((?:\\|[A-Za-z0-9]+)+)");
    /** Filters whose values are a closed set the index knows, so an unknown value can be told apart from "no rule". */
    private static final Map<String, Facet> CLOSED_FILTERS = Map.of("platform", Facet.PLATFORM, "source", Facet.SOURCE,
            "status", Facet.STATUS, "severity", Facet.SEVERITY);
    /** What people call the platforms, beside the names pages show. */
    private static final Map<String, String> PLATFORM_ALIASES = platformAliases();

    private static Map<String, String> platformAliases() {
        Map<String, String> aliases = new java.util.HashMap<>();
        for (io.rulescope.dialect.Dialect dialect : io.rulescope.dialect.Dialects.all()) {
            dialect.platformAliases().forEach(alias -> aliases.put(alias, dialect.platform()));
        }
        return Map.copyOf(aliases);
    }

    /** The values a closed filter has in this catalog, as pages show them. */
    interface KnownValues extends Function<Facet, List<String>> {
    }

    static SearchReading of(String q, SearchNode parsed, AttackCatalog attack, KnownValues known) {
        if (onlyExclusions(parsed)) {
            String text = q.strip();
            return new SearchReading(new SearchNode.Phrase(text, 0),
                    List.of("Searched for the text \u201c" + text + "\u201d: a search made only of exclusions would match nearly every rule."),
                    List.of());
        }
        Reader reader = new Reader(q, known);
        SearchNode read = reader.read(parsed);
        if (reader.notes.isEmpty()) {
            return techniqueOrTactic(parsed, attack);
        }
        return new SearchReading(read, List.copyOf(reader.notes), List.copyOf(reader.instead));
    }

    private static SearchReading techniqueOrTactic(SearchNode parsed, AttackCatalog attack) {
        String words = plainWords(parsed);
        if (words != null) {
            Optional<Technique> technique = attack.techniqueNamed(words);
            if (technique.isPresent()) {
                return new SearchReading(new SearchNode.Or(List.of(parsed, new SearchNode.Field("technique", ":", technique.get().id(), false, 0))),
                        List.of("Also finds the rules mapped to " + technique.get().id() + " " + attack.displayName(technique.get()) + "."),
                        List.of());
            }
            Optional<Tactic> tactic = attack.tactic(words).filter(t -> t.name().equalsIgnoreCase(words));
            if (tactic.isPresent()) {
                return new SearchReading(new SearchNode.Or(List.of(parsed, new SearchNode.Field("tactic", ":", tactic.get().shortName(), false, 0))),
                        List.of("Also finds the rules of the tactic " + tactic.get().name() + "."), List.of());
            }
        }
        return new SearchReading(parsed, List.of(), List.of());
    }

    /** One walk over the tree, rewriting what was typed in another syntax and noting each rewrite. */
    private static final class Reader {

        private final String query;
        private final KnownValues known;
        private final List<String> notes = new ArrayList<>();
        private final List<SearchResult.Instead> instead = new ArrayList<>();

        Reader(String query, KnownValues known) {
            this.query = query;
            this.known = known;
        }

        SearchNode read(SearchNode node) {
            if (node instanceof SearchNode.And and) {
                List<SearchNode> parts = and.parts().stream().map(this::read).toList();
                noteExcludedWords(and);
                return new SearchNode.And(parts);
            }
            if (node instanceof SearchNode.Or or) {
                return new SearchNode.Or(or.parts().stream().map(this::read).toList());
            }
            if (node instanceof SearchNode.Not not) {
                return new SearchNode.Not(read(not.inner()));
            }
            if (node instanceof SearchNode.Field field) {
                return field.name().contains("|") ? sigmaField(field) : filterValue(field);
            }
            if (node instanceof SearchNode.Word word) {
                var m = SIGMA_FIELD_WORD.matcher(word.text());
                if (m.matches()) {
                    notes.add("Read \u201c" + word.text() + "\u201d as the rules that test " + m.group(1)
                            + ". To find a value, add it as Sigma does: " + word.text() + ":mimikatz.");
                    return new SearchNode.Field(m.group(1), "=", "*", false, word.position());
                }
            }
            return node;
        }

        /** {@code powershell -enc}: analysts paste command-line switches, so the text reading is offered beside. */
        private void noteExcludedWords(SearchNode.And and) {
            List<String> excluded = and.parts().stream()
                    .filter(p -> p instanceof SearchNode.Not not && not.inner() instanceof SearchNode.Word w && !w.text().contains("|"))
                    .map(p -> ((SearchNode.Word) ((SearchNode.Not) p).inner()).text()).toList();
            if (excluded.isEmpty()) {
                return;
            }
            String listed = excluded.stream().map(w -> "\u201c" + w + "\u201d").collect(Collectors.joining(", "));
            notes.add("Read -" + String.join(", -", excluded) + " as leaving out the rules that mention " + listed + ".");
            String asText = query;
            for (String word : excluded) {
                // The word as a whole token: "-enc" must not touch "-encodedcommand".
                asText = asText.replaceAll("(?<=^|[\\s(])-" + Pattern.quote(word) + "(?=$|[\\s)])",
                        java.util.regex.Matcher.quoteReplacement("\"-" + word + "\""));
            }
            instead.add(new SearchResult.Instead(asText, "search for " + excluded.stream().map(w -> "-" + w).collect(Collectors.joining(" "))
                    + " as text"));
        }

        private SearchNode sigmaField(SearchNode.Field field) {
            String[] parts = field.name().split("\\|");
            String value = field.value();
            for (int i = 1; i < parts.length; i++) {
                Function<String, String> shape = SIGMA_MODIFIERS.get(parts[i].toLowerCase(Locale.ROOT));
                if (shape == null) {
                    throw new SearchSyntaxException(field.position() + parts[0].length(), "Sigma's |" + parts[i] + " modifier has no field search; "
                            + "use |contains, |startswith or |endswith, or wildcards as in " + parts[0] + "=*value*.");
                }
                value = shape.apply(value);
            }
            SearchNode.Field read = new SearchNode.Field(parts[0], "=", value, field.quoted(), field.position());
            notes.add("Read \u201c" + field.name() + field.op() + field.value() + "\u201d, Sigma's syntax, as " + parts[0] + "=" + value + ".");
            return read;
        }

        private SearchNode filterValue(SearchNode.Field field) {
            Facet facet = CLOSED_FILTERS.get(field.name().toLowerCase(Locale.ROOT));
            if (facet == null || !field.op().equals(":") && !field.op().equals("=") && !field.op().equals("!=") || field.value().contains("*")) {
                return field;
            }
            List<String> values = known.apply(facet);
            String typed = field.value().strip();
            if (values.isEmpty() || values.stream().anyMatch(v -> v.equalsIgnoreCase(typed))) {
                return field;
            }
            Optional<String> alias = aliasOf(facet, typed, values);
            if (alias.isPresent()) {
                notes.add("Read " + field.name() + ":" + typed + " as " + field.name() + ":" + quoted(alias.get()) + ".");
                return new SearchNode.Field(field.name(), field.op(), alias.get(), true, field.position());
            }
            List<String> closest = closest(typed, values);
            notes.add("No rule has " + field.name() + " \u201c" + typed + "\u201d. The values in this catalog are "
                    + values.stream().limit(12).collect(Collectors.joining(", ")) + (values.size() > 12 ? ", …" : "") + ".");
            String clause = query.substring(field.position()).startsWith(field.name()) ? clauseAt(field) : null;
            for (String value : closest) {
                String replaced = clause == null ? field.name() + ":" + quoted(value) : query.replace(clause, field.name() + ":" + quoted(value));
                instead.add(new SearchResult.Instead(replaced, "did you mean " + field.name() + ":" + value + "?"));
            }
            return field;
        }

        /** The clause as typed, so "did you mean" keeps the rest of the search. */
        private String clauseAt(SearchNode.Field field) {
            int start = field.position();
            int end = start + field.name().length() + field.op().length();
            if (end < query.length() && query.charAt(end) == '"') {
                int close = query.indexOf('"', end + 1);
                return query.substring(start, close < 0 ? query.length() : close + 1);
            }
            while (end < query.length() && !Character.isWhitespace(query.charAt(end)) && query.charAt(end) != ')') {
                end++;
            }
            return query.substring(start, end);
        }
    }

    private static Optional<String> aliasOf(Facet facet, String typed, List<String> values) {
        String lower = typed.toLowerCase(Locale.ROOT);
        if (facet == Facet.PLATFORM && PLATFORM_ALIASES.containsKey(lower)) {
            String alias = PLATFORM_ALIASES.get(lower);
            return values.stream().filter(v -> v.equalsIgnoreCase(alias)).findFirst();
        }
        // One value of which the typed text is a whole word: "Sentinel" for "Microsoft Sentinel".
        List<String> byWord = values.stream().filter(v -> Set.of(v.toLowerCase(Locale.ROOT).split("[\\s/_.-]+")).contains(lower)).toList();
        return byWord.size() == 1 ? Optional.of(byWord.get(0)) : Optional.empty();
    }

    /** Up to three values a typo may have meant: by edit distance, within a third of the word. */
    static List<String> closest(String typed, List<String> values) {
        String lower = typed.toLowerCase(Locale.ROOT);
        return values.stream().map(v -> Map.entry(v, distance(lower, v.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= Math.max(2, lower.length() / 3) || e.getKey().toLowerCase(Locale.ROOT).startsWith(lower))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                .limit(3).map(Map.Entry::getKey).toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String quoted(String value) {
        return value.matches("[\\w.-]+") ? value : "\"" + value + "\"";
    }

    /**
     * Only excluded words ({@code -enc}, {@code -enc -nop}): almost surely text that starts with a dash. Excluded
     * filters ({@code -platform:Sigma}) mean what they say.
     */
    private static boolean onlyExclusions(SearchNode node) {
        return isExcludedText(node)
                || node instanceof SearchNode.And and && and.parts().stream().allMatch(SearchReading::isExcludedText);
    }

    private static boolean isExcludedText(SearchNode node) {
        return node instanceof SearchNode.Not not && (not.inner() instanceof SearchNode.Word || not.inner() instanceof SearchNode.Phrase);
    }

    /** The search as plain words when it is nothing but words or one phrase ("OS Credential Dumping"); else null. */
    private static String plainWords(SearchNode node) {
        if (node instanceof SearchNode.Phrase p) {
            return p.text().strip();
        }
        if (node instanceof SearchNode.Word w && !w.text().contains("*")) {
            return w.text();
        }
        if (node instanceof SearchNode.And and && and.parts().stream().allMatch(p -> p instanceof SearchNode.Word w && !w.text().contains("*"))) {
            return and.parts().stream().map(p -> ((SearchNode.Word) p).text()).collect(Collectors.joining(" "));
        }
        return null;
    }
}
