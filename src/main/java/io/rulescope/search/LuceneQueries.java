package io.rulescope.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.indicator.Telemetry;
import io.rulescope.query.FieldName;
import io.rulescope.query.FieldTaxonomy;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns a parsed search into a Lucene query. Technique ids and exact indicator matches score well above text
 * mentions; filters ({@code platform:}, {@code modified:>=}) do not score at all.
 */
public final class LuceneQueries {

    private static final Pattern TECHNIQUE = Pattern.compile("(?i)t\\d{4}(\\.\\d{3})?");
    private static final Pattern TACTIC_ID = Pattern.compile("(?i)ta\\d{4}");
    /** A rule id as catalogs hand them out: a UUID, or Rulescope's derived {@code rs-} ids. */
    public static final Pattern RULE_ID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|rs-[0-9a-z]{6,40}");
    private static final Set<String> FILTERS = Set.of("platform", "source", "status", "severity", "language", "author",
            "datasource", "story", "polarity", "technique", "tactic", "modified", "created", "changed", "title", "id", "event", "logsource", "collection",
            "product", "service", "category");
    static final int MAX_PATTERN = 200;

    private static final float TECHNIQUE_BOOST = 10f;
    private static final float INDICATOR_BOOST = 8f;
    private static final float TITLE_BOOST = 4f;

    private final AttackCatalog attack;
    private final FieldTaxonomy taxonomy;
    private final ChangeDates changes;
    private final Memberships memberships;
    private final QueryBuilder analyzed = new QueryBuilder(IndexField.ANALYZER);
    private final SearchBudget budget;

    LuceneQueries(AttackCatalog attack, FieldTaxonomy taxonomy, ChangeDates changes, Memberships memberships) {
        this(attack, taxonomy, changes, memberships, SearchBudget.UNLIMITED);
    }

    private LuceneQueries(AttackCatalog attack, FieldTaxonomy taxonomy, ChangeDates changes, Memberships memberships, SearchBudget budget) {
        this.attack = attack;
        this.taxonomy = taxonomy;
        this.changes = changes;
        this.memberships = memberships;
        this.budget = budget;
    }

    /** The query of one search whose wildcards stop when {@code budget} runs out (and say so through it). */
    Query build(SearchNode node, SearchBudget budget) {
        return new LuceneQueries(attack, taxonomy, changes, memberships, budget).build(node);
    }

    Query build(SearchNode node) {
        if (node instanceof SearchNode.And and) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            and.parts().forEach(p -> add(b, p, BooleanClause.Occur.MUST));
            return b.build();
        }
        if (node instanceof SearchNode.Or or) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            or.parts().forEach(p -> b.add(build(p), BooleanClause.Occur.SHOULD));
            return b.build();
        }
        if (node instanceof SearchNode.Not not) {
            return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                    .add(build(not.inner()), BooleanClause.Occur.MUST_NOT).build();
        }
        if (node instanceof SearchNode.Word word) {
            return word(word);
        }
        if (node instanceof SearchNode.Phrase phrase) {
            return text(phrase.text(), true);
        }
        if (node instanceof SearchNode.Everything) {
            return new MatchAllDocsQuery();
        }
        return field((SearchNode.Field) node);
    }

    private void add(BooleanQuery.Builder b, SearchNode part, BooleanClause.Occur occur) {
        if (part instanceof SearchNode.Not not) {
            b.add(build(not.inner()), BooleanClause.Occur.MUST_NOT);
        } else {
            b.add(build(part), occur);
        }
    }

    private Query word(SearchNode.Word word) {
        String w = word.text();
        // Sigma writes ATT&CK as tags: attack.t1003.001, attack.credential_access.
        if (w.regionMatches(true, 0, "attack.", 0, 7) && w.length() > 7) {
            String tag = w.substring(7);
            if (TECHNIQUE.matcher(tag).matches()) {
                return new BoostQuery(keyword(IndexField.TECHNIQUE, tag), TECHNIQUE_BOOST);
            }
            if (attack.tactic(tag).isPresent()) {
                return tactic(tag, word.position());
            }
        }
        if (RULE_ID.matcher(w).matches()) {
            // A rule's own id finds that rule first; the text search still runs for ids that are mentioned elsewhere.
            return new DisjunctionMaxQuery(List.of(new BoostQuery(new ConstantScoreQuery(keyword(IndexField.RULE_ID, w)), 100f),
                    text(w, true)), 0.1f);
        }
        if (TECHNIQUE.matcher(w).matches()) {
            return new BoostQuery(keyword(IndexField.TECHNIQUE, w), TECHNIQUE_BOOST);
        }
        if (TACTIC_ID.matcher(w).matches()) {
            return tactic(w, word.position());
        }
        if (w.contains("*") || w.contains("?")) {
            Query title = new BoostQuery(wildcard(IndexField.TITLE.field(), w, word.position()), TITLE_BOOST);
            return new DisjunctionMaxQuery(List.of(title, wildcard(IndexField.TEXT.field(), w, word.position()),
                    wildcard(IndexField.INDICATOR_TEXT.field(), w, word.position())), 0.1f);
        }
        return text(w, false);
    }

    /** Free text over title (weighted highest), description and query, search terms and indicator values. */
    private Query text(String text, boolean phrase) {
        List<Query> fields = new ArrayList<>();
        addAnalyzed(fields, IndexField.TITLE, text, phrase, TITLE_BOOST);
        addAnalyzed(fields, IndexField.TEXT, text, phrase, 1f);
        addAnalyzed(fields, IndexField.TERMS, text, phrase, 1.5f);
        addAnalyzed(fields, IndexField.INDICATOR_TEXT, text, phrase, 1.5f);
        return fields.isEmpty() ? new MatchNoDocsQuery("no searchable words") : new DisjunctionMaxQuery(fields, 0.1f);
    }

    private void addAnalyzed(List<Query> out, IndexField field, String text, boolean phrase, float boost) {
        Query q = phrase ? analyzed.createPhraseQuery(field.field(), text) : analyzed.createMinShouldMatchQuery(field.field(), text, 1f);
        if (q != null) {
            out.add(boost == 1f ? q : new BoostQuery(q, boost));
        }
    }

    private Query field(SearchNode.Field f) {
        String name = f.name().toLowerCase(Locale.ROOT);
        Query q = FILTERS.contains(name) ? filter(name, f) : indicator(f);
        return f.op().equals("!=") ? new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
                .add(q, BooleanClause.Occur.MUST_NOT).build() : q;
    }

    private Query filter(String name, SearchNode.Field f) {
        String v = f.value();
        if ((name.equals("modified") || name.equals("created"))) {
            long[] days = days(f);
            return new ConstantScoreQuery(LongPoint.newRangeQuery((name.equals("created") ? IndexField.CREATED : IndexField.MODIFIED).field(),
                    days[0], days[1]));
        }
        if (name.equals("changed")) {
            return changed(days(f));
        }
        if (name.equals("collection")) {
            requireEquality(f);
            return collection(f);
        }
        requireEquality(f);
        Query q = switch (name) {
            case "platform" -> keyword(IndexField.PLATFORM, v);
            case "source" -> keyword(IndexField.SOURCE, v);
            case "status" -> v.equalsIgnoreCase(SearchReading.ANY_STATUS) ? new MatchAllDocsQuery() : keyword(IndexField.STATUS, v);
            case "severity" -> keyword(IndexField.SEVERITY, v);
            case "language" -> keyword(IndexField.LANGUAGE, v);
            case "datasource" -> v.contains("*") ? wildcard(IndexField.DATASOURCE.field(), v, f.position()) : keyword(IndexField.DATASOURCE, v);
            case "polarity" -> keyword(IndexField.POLARITY, v);
            case "story" -> keyword(IndexField.STORY, v);
            case "id" -> keyword(IndexField.RULE_ID, v);
            case "event" -> new TermQuery(new Term(IndexField.EVENT.field(), Telemetry.eventKey(v)));
            case "product" -> keyword(IndexField.PRODUCT, v);
            case "service" -> keyword(IndexField.SERVICE, v);
            case "category" -> keyword(IndexField.CATEGORY, v);
            case "logsource" -> logsource(v);
            case "technique" -> {
                if (!TECHNIQUE.matcher(v).matches()) {
                    throw new SearchSyntaxException(f.position(), "'" + v + "' is not a technique id; write it like T1059 or T1059.001.");
                }
                yield keyword(IndexField.TECHNIQUE, v);
            }
            case "tactic" -> tactic(v, f.position());
            case "author" -> analyzed.createPhraseQuery(IndexField.AUTHOR.field(), v);
            case "title" -> v.endsWith("*") && v.indexOf('*') == v.length() - 1 && !v.contains(" ") && v.length() > 2
                    ? wildcard(IndexField.TITLE.field(), v, f.position()) : analyzed.createPhraseQuery(IndexField.TITLE.field(), v);
            default -> throw new IllegalStateException(name);
        };
        return new ConstantScoreQuery(q == null ? new MatchNoDocsQuery() : q);
    }

    private static void requireEquality(SearchNode.Field f) {
        if (f.op().startsWith(":") && f.op().length() > 1) {
            throw new SearchSyntaxException(f.position(), "'" + f.name() + "' cannot be compared with " + f.op().substring(1)
                    + "; only dates (modified:, created:, changed:) can.");
        }
    }

    /**
     * {@code logsource:process_creation} matches a product, category or service; the facet's
     * {@code windows / process_creation} form needs every part.
     */
    private static Query logsource(String value) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String part : value.split("/")) {
            if (part.isBlank()) {
                continue;
            }
            all.add(new BooleanQuery.Builder().add(keyword(IndexField.PRODUCT, part), BooleanClause.Occur.SHOULD)
                    .add(keyword(IndexField.SERVICE, part), BooleanClause.Occur.SHOULD)
                    .add(keyword(IndexField.CATEGORY, part), BooleanClause.Occur.SHOULD).build(), BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    /** A tactic of the loaded ATT&CK, or one rules declare that it lacks ({@code stealth} before v19 is loaded). */
    private Query tactic(String value, int position) {
        if (attack.tactic(value).isEmpty() && !AttackCatalog.looksLikeTactic(value)) {
            throw new SearchSyntaxException(position, "'" + value + "' is not an ATT&CK tactic; use an id such as "
                    + "TA0002 or a name such as execution.");
        }
        return new ConstantScoreQuery(keyword(IndexField.TACTIC, attack.declaredTactic(value).shortName()));
    }

    /**
     * {@code field=value} against indicators, through the same canonical folding as corpus counts. An executable path
     * and a process name meet: {@code Image=*\powershell.exe} also finds rules testing {@code process_name=powershell.exe}.
     */
    private Query indicator(SearchNode.Field f) {
        requireEquality(f);
        String canonical = taxonomy.canonical(FieldName.of(f.name()).name());
        String value = f.value().toLowerCase(Locale.ROOT);
        List<Query> alternatives = new ArrayList<>();
        alternatives.add(valueQuery(IndexField.indicatorField(canonical), value, f.position()));
        String related = relatedName(canonical);
        if (related != null) {
            String base = basename(value);
            if (!base.isEmpty() && !base.equals("*")) {
                alternatives.add(valueQuery(IndexField.indicatorField(related), base, f.position()));
            }
        }
        String executable = relatedExecutable(canonical);
        if (executable != null && !value.contains("\\") && !value.contains("/")) {
            alternatives.add(valueQuery(IndexField.indicatorField(executable), "*\\" + value, f.position()));
        }
        Query q = alternatives.size() == 1 ? alternatives.get(0) : new DisjunctionMaxQuery(alternatives, 0f);
        return new BoostQuery(new ConstantScoreQuery(q), INDICATOR_BOOST);
    }

    private static String relatedName(String canonical) {
        return canonical.endsWith(".executable") ? canonical.substring(0, canonical.length() - ".executable".length()) + ".name" : null;
    }

    private static String relatedExecutable(String canonical) {
        return canonical.endsWith("process.name") ? canonical.substring(0, canonical.length() - ".name".length()) + ".executable" : null;
    }

    private static String basename(String path) {
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return cut < 0 ? path : path.substring(cut + 1);
    }

    private Query valueQuery(String field, String value, int position) {
        if (value.equals("*")) {
            // Any value: every term of the field, with no cap on how many (a pattern stops at GlobQuery.MAX_TERMS).
            return new org.apache.lucene.search.TermRangeQuery(field, null, null, true, true);
        }
        return value.contains("*") || value.contains("?") ? wildcard(field, value, position) : new TermQuery(new Term(field, value));
    }

    private Query wildcard(String field, String pattern, int position) {
        if (pattern.length() > MAX_PATTERN) {
            throw new SearchSyntaxException(position, "Wildcard patterns may be at most " + MAX_PATTERN + " characters long.");
        }
        if (pattern.chars().filter(c -> c == '*').count() > 8) {
            throw new SearchSyntaxException(position, "A pattern may hold at most 8 '*' wildcards.");
        }
        GlobQuery glob = new GlobQuery(field, pattern.toLowerCase(Locale.ROOT), budget.timeout(), budget.cut());
        if (glob.scansEveryTerm()) {
            budget.noteScan();
        }
        return glob;
    }

    private static Query keyword(IndexField field, String value) {
        return new TermQuery(new Term(field.field(), IndexField.keyword(value)));
    }

    /**
     * {@code collection:"Deployed: prod"}: the collection's members still in the catalog, each by its id and source
     * (a rule removed upstream matches nothing).
     */
    private Query collection(SearchNode.Field f) {
        Memberships.Membership membership = memberships.named(f.value()).orElseThrow(() -> new SearchSyntaxException(f.position(),
                "There is no collection named '" + f.value() + "'; the collections are listed at /collections."));
        if (membership.members().isEmpty()) {
            return new MatchNoDocsQuery();
        }
        List<BytesRef> ids = membership.members().stream().map(m -> new BytesRef(IndexField.keyword(m.ruleId()))).distinct().toList();
        List<BytesRef> sources = membership.members().stream().map(m -> new BytesRef(IndexField.keyword(m.source()))).distinct().toList();
        return new ConstantScoreQuery(new BooleanQuery.Builder()
                .add(new TermInSetQuery(IndexField.RULE_ID.field(), ids), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexField.SOURCE.field(), sources), BooleanClause.Occur.FILTER).build());
    }

    /**
     * {@code changed:}: rules whose last commit falls in the range, where their source has git history; elsewhere
     * their modified date.
     */
    private Query changed(long[] days) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        List<BytesRef> ids = changes.ruleIdsChangedBetween(days[0], days[1]).stream()
                .map(id -> new BytesRef(IndexField.keyword(id))).toList();
        if (!ids.isEmpty()) {
            either.add(new TermInSetQuery(IndexField.RULE_ID.field(), ids), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery.Builder withoutHistory = new BooleanQuery.Builder()
                .add(LongPoint.newRangeQuery(IndexField.MODIFIED.field(), days[0], days[1]), BooleanClause.Occur.FILTER);
        changes.sourcesWithHistory().forEach(s -> withoutHistory.add(new TermQuery(new Term(IndexField.SOURCE.field(),
                IndexField.keyword(s))), BooleanClause.Occur.MUST_NOT));
        either.add(withoutHistory.build(), BooleanClause.Occur.SHOULD);
        return new ConstantScoreQuery(either.build());
    }

    /** {@code modified:>=2025-01-01}, {@code created:<2024}, {@code changed:2025-03}: ranges of days since the epoch. */
    private static long[] days(SearchNode.Field f) {
        LocalDate from;
        LocalDate to;
        String v = f.value();
        try {
            if (v.matches("\\d{4}")) {
                from = LocalDate.of(Integer.parseInt(v), 1, 1);
                to = from.plusYears(1).minusDays(1);
            } else if (v.matches("\\d{4}-\\d{2}")) {
                from = LocalDate.parse(v + "-01");
                to = from.plusMonths(1).minusDays(1);
            } else {
                from = LocalDate.parse(v);
                to = from;
            }
        } catch (java.time.DateTimeException e) {
            throw new SearchSyntaxException(f.position(), "'" + v + "' is not a date; write 2025, 2025-03 or 2025-03-31.");
        }
        long lo = switch (f.op()) {
            case ":>=" -> from.toEpochDay();
            case ":>" -> to.toEpochDay() + 1;
            case ":<", ":<=" -> Long.MIN_VALUE;
            default -> from.toEpochDay();
        };
        long hi = switch (f.op()) {
            case ":<" -> from.toEpochDay() - 1;
            case ":<=" -> to.toEpochDay();
            case ":>=", ":>" -> Long.MAX_VALUE;
            default -> to.toEpochDay();
        };
        return new long[] { lo, hi };
    }
}
