package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.List;

import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.StageAnalysis;
import io.rulescope.query.parse.Token;

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
            List<Token<KqlTokenKind>> body = body(stage);
            switch (stage.command()) {
                case "where", "filter" -> {
                    expr = new KqlWhereParser(query, body.subList(1, body.size()), script.letValues(), script.letNames()).parse();
                    note = expr == null ? "a time window only" : null;
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
            StageAnalysis analysed = StageAnalysis.noting(n, stage.command(), script.shown(stage), expr, note, stage.depth(),
                    defines(stage.command(), body));
            if (analysed.partlyAnalysed()) {
                notes.add("stage " + n + ": " + analysed.note());
            }
            stages.add(analysed);
        }
        return new QueryAnalysis(List.copyOf(stages), collector.indicators(), collector.terms(), groupBy, notes, script.sources());
    }

    /**
     * The columns a stage adds or renames: the names assigned at its top level by {@code extend} and
     * {@code project-rename} ({@code extend Hours = ...}), and the names a {@code parse} pattern extracts (not the
     * types after their colons).
     */
    static List<String> defines(String command, List<Token<KqlTokenKind>> body) {
        List<String> names = new ArrayList<>();
        switch (command) {
            case "extend", "project-rename" -> {
                int nesting = 0;
                for (int i = 1; i + 1 < body.size(); i++) {
                    Token<KqlTokenKind> t = body.get(i);
                    if (t.is(KqlTokenKind.LPAREN) || t.is(KqlTokenKind.LBRACKET) || t.is(KqlTokenKind.LBRACE)) {
                        nesting++;
                    } else if (t.is(KqlTokenKind.RPAREN) || t.is(KqlTokenKind.RBRACKET) || t.is(KqlTokenKind.RBRACE)) {
                        nesting--;
                    } else if (nesting == 0 && t.is(KqlTokenKind.WORD) && body.get(i + 1).is(KqlTokenKind.OPERATOR, "=")
                            && (i == 1 || body.get(i - 1).is(KqlTokenKind.COMMA))) {
                        names.add(t.text());
                    }
                }
            }
            case "parse", "parse-where" -> {
                boolean pattern = false;
                for (int i = 1; i < body.size(); i++) {
                    Token<KqlTokenKind> t = body.get(i);
                    if (!pattern) {
                        pattern = t.is(KqlTokenKind.WORD, "with");
                    } else if (t.is(KqlTokenKind.WORD) && !body.get(i - 1).is(KqlTokenKind.COLON)) {
                        names.add(t.text());
                    }
                }
            }
            default -> {
            }
        }
        return names;
    }

    /** The stage's tokens without its pipe. */
    private static List<Token<KqlTokenKind>> body(KqlStage stage) {
        List<Token<KqlTokenKind>> tokens = stage.tokens();
        return !tokens.isEmpty() && tokens.get(0).is(KqlTokenKind.PIPE) ? tokens.subList(1, tokens.size()) : tokens;
    }

    private static String letNote(List<Token<KqlTokenKind>> body, KqlScript script) {
        String name = body.size() > 1 ? body.get(1).text() : "";
        List<String> values = script.letValues().get(name);
        if (values != null) {
            return "defines " + name + " as " + (values.size() == 1 ? "one value" : values.size() + " values")
                    + "; filters that name it are shown with its values";
        }
        return "defines " + name;
    }

    /** The columns after the top-level {@code by} of a summarize; {@code bin(TimeGenerated, 1h)} and the like are left out. */
    static List<String> groupBy(List<Token<KqlTokenKind>> body) {
        int nesting = 0;
        int by = -1;
        for (int i = 0; i < body.size(); i++) {
            Token<KqlTokenKind> t = body.get(i);
            if (t.is(KqlTokenKind.LPAREN) || t.is(KqlTokenKind.LBRACKET)) {
                nesting++;
            } else if (t.is(KqlTokenKind.RPAREN) || t.is(KqlTokenKind.RBRACKET)) {
                nesting--;
            } else if (nesting == 0 && t.is(KqlTokenKind.WORD, "by")) {
                by = i;
            }
        }
        if (by < 0) {
            return List.of();
        }
        List<String> fields = new ArrayList<>();
        List<Token<KqlTokenKind>> item = new ArrayList<>();
        nesting = 0;
        for (int i = by + 1; i <= body.size(); i++) {
            Token<KqlTokenKind> t = i < body.size() ? body.get(i) : null;
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

    private static String groupField(List<Token<KqlTokenKind>> item) {
        if (item.isEmpty() || !item.get(0).is(KqlTokenKind.WORD)) {
            return null;
        }
        if (item.size() == 1 || item.size() > 2 && item.get(1).is(KqlTokenKind.OPERATOR, "=")) {
            return item.get(0).text();
        }
        return null;
    }

}
