package io.rulescope.query.kql;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.StageAnalysis;

/**
 * Takes a Kusto query (Microsoft Sentinel, Defender) apart: one stage per statement and operator, sub-queries one
 * level deeper, predicates from {@code where} stages with {@code let} lists resolved, the group-by of the query's
 * last {@code summarize}, and the tables it reads.
 */
public final class KqlAnalyzer {

    private final FieldTaxonomy taxonomy;

    public KqlAnalyzer(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public QueryAnalysis analyze(String query) {
        KqlScript script;
        try {
            script = KqlScript.parse(query);
        } catch (QueryTooLargeException e) {
            return new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of(e.getMessage()));
        }
        List<StageAnalysis> stages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> groupBy = List.of();
        IndicatorCollector collector = new IndicatorCollector(taxonomy);
        int n = 0;
        for (KqlStage stage : script.stages()) {
            n++;
            Expr expr = null;
            String note = null;
            List<KqlToken> body = body(stage);
            switch (stage.command()) {
                case "where", "filter" -> {
                    expr = new KqlWhereParser(query, body.subList(1, body.size()), script.letValues(), script.letNames()).parse();
                    note = expr == null ? "a time window only" : partly(expr);
                }
                case "let" -> note = letNote(body, script);
                case "table" -> note = body.size() == 1 ? "reads " + body.get(0).text() : null;
                case "join", "lookup", "union" -> note = "combines with " + (stage.command().equals("union") ? "the tables and queries named here"
                        : "the query on its right") + "; sub-queries are shown below it";
                case "search", "find" -> note = "free-text search across tables; shown, not taken apart";
                case "summarize" -> {
                    if (stage.depth() == 0) {
                        groupBy = groupBy(body);
                    }
                }
                default -> {
                }
            }
            if (expr != null) {
                collector.collect(n, expr);
            }
            if (note != null && note.startsWith("partly")) {
                notes.add("stage " + n + ": " + note);
            }
            stages.add(new StageAnalysis(n, stage.command(), script.shown(stage), expr, null, note, stage.depth()));
        }
        return new QueryAnalysis(List.copyOf(stages), collector.indicators(), collector.terms(), groupBy, notes, script.sources());
    }

    /** The stage's tokens without its pipe. */
    private static List<KqlToken> body(KqlStage stage) {
        List<KqlToken> tokens = stage.tokens();
        return !tokens.isEmpty() && tokens.get(0).is(KqlTokenKind.PIPE) ? tokens.subList(1, tokens.size()) : tokens;
    }

    private static String letNote(List<KqlToken> body, KqlScript script) {
        String name = body.size() > 1 ? body.get(1).text() : "";
        List<String> values = script.letValues().get(name);
        if (values != null) {
            return "defines " + name + " as " + (values.size() == 1 ? "one value" : values.size() + " values")
                    + "; filters that name it are shown with its values";
        }
        return "defines " + name;
    }

    /** The columns after the top-level {@code by} of a summarize; {@code bin(TimeGenerated, 1h)} and the like are left out. */
    static List<String> groupBy(List<KqlToken> body) {
        int nesting = 0;
        int by = -1;
        for (int i = 0; i < body.size(); i++) {
            KqlToken t = body.get(i);
            if (t.is(KqlTokenKind.LPAREN) || t.is(KqlTokenKind.LBRACKET)) {
                nesting++;
            } else if (t.is(KqlTokenKind.RPAREN) || t.is(KqlTokenKind.RBRACKET)) {
                nesting--;
            } else if (nesting == 0 && t.isWord("by")) {
                by = i;
            }
        }
        if (by < 0) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        List<KqlToken> item = new ArrayList<>();
        nesting = 0;
        for (int i = by + 1; i <= body.size(); i++) {
            KqlToken t = i < body.size() ? body.get(i) : null;
            if (t == null || nesting == 0 && t.is(KqlTokenKind.COMMA)) {
                String field = groupField(item);
                if (field != null && !fields.contains(field)) {
                    fields.add(field);
                }
                item.clear();
                continue;
            }
            if (t.is(KqlTokenKind.LPAREN) || t.is(KqlTokenKind.LBRACKET)) {
                nesting++;
            } else if (t.is(KqlTokenKind.RPAREN) || t.is(KqlTokenKind.RBRACKET)) {
                nesting--;
            }
            item.add(t);
        }
        return List.copyOf(fields);
    }

    private static String groupField(List<KqlToken> item) {
        if (item.isEmpty() || !item.get(0).is(KqlTokenKind.WORD)) {
            return null;
        }
        if (item.size() == 1 || item.size() > 2 && item.get(1).isOperator("=")) {
            return item.get(0).text();
        }
        return null;
    }

    /** Sub-query lookups and tuning lists are the query's design, not gaps in the analysis. */
    private static String partly(Expr expr) {
        return Expr.partlyNote(expr, reason -> reason.startsWith(KqlWhereParser.SUBQUERY) || reason.startsWith(KqlWhereParser.TUNING));
    }
}
