package io.rulescope.dialect.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Kind;
import io.rulescope.query.Predicate;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.StageAnalysis;
import io.rulescope.query.parse.Token;

/**
 * Takes Elastic detection queries apart. KQL and Lucene queries are one boolean stage. EQL gives one stage per
 * sequence step (the {@code by} keys as group-by) or one for a single {@code category where}, its event category
 * kept as the {@code event.category} test it is. ES|QL is a pipeline like SPL: stages at top-level pipes,
 * predicates from {@code WHERE}, group-by from the last {@code STATS ... BY}, indexes from {@code FROM}.
 */
public final class ElasticAnalyzer {

    /** EQL event categories that are not a category filter. */
    private static final Set<String> ANY_CATEGORY = Set.of("any", "*");

    private final FieldTaxonomy taxonomy;

    public ElasticAnalyzer(FieldTaxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    public QueryAnalysis analyze(ElasticLanguage dialect, String query) {
        List<Token<ElasticTokenKind>> tokens;
        try {
            tokens = ElasticTokenizer.tokenize(query, dialect);
        } catch (QueryTooLargeException e) {
            return new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of(e.getMessage()));
        }
        Builder b = new Builder(query);
        switch (dialect) {
            case KUERY, LUCENE -> b.stage("query", 0, tokens.size(), tokens, new ElasticExprParser(dialect, query, tokens).parse(), null);
            case EQL -> eql(b, tokens);
            case ESQL -> esql(b, tokens);
        }
        return b.build(taxonomy);
    }

    // eql := ( "sequence" | "sample" ) [ "by" keys ] [ "with" "maxspan" "=" span ] ( "[" step "]" [ "by" keys ] )+ [ "until" "[" step "]" ] pipes
    //      | category "where" condition pipes
    private void eql(Builder b, List<Token<ElasticTokenKind>> tokens) {
        int end = topLevelPipe(tokens, 0);
        if (!tokens.isEmpty() && (tokens.get(0).is(ElasticTokenKind.WORD, "sequence") || tokens.get(0).is(ElasticTokenKind.WORD, "sample"))) {
            int firstStep = indexOfTopLevel(tokens, ElasticTokenKind.LBRACKET, 0, end);
            int headerEnd = firstStep < 0 ? end : firstStep;
            List<String> keys = byKeys(tokens, 1, headerEnd);
            b.groupBy.addAll(keys);
            b.stage(tokens.get(0).lower(), 0, headerEnd, tokens, null, null);
            int i = headerEnd;
            while (i < end) {
                int open = indexOfTopLevel(tokens, ElasticTokenKind.LBRACKET, i, end);
                if (open < 0) {
                    break;
                }
                boolean until = open > i && tokens.get(open - 1).is(ElasticTokenKind.WORD, "until");
                int close = ElasticTokenizer.closing(tokens, open);
                int next = indexOfTopLevel(tokens, ElasticTokenKind.LBRACKET, close + 1, end);
                int stepEnd = next < 0 ? end : tokens.get(next - 1).is(ElasticTokenKind.WORD, "until") ? next - 1 : next;
                List<Token<ElasticTokenKind>> inside = tokens.subList(open + 1, close);
                for (String key : byKeys(tokens, close + 1, stepEnd)) {
                    if (!b.groupBy.contains(key)) {
                        b.groupBy.add(key);
                    }
                }
                String category = inside.isEmpty() ? "event" : inside.get(0).lower();
                b.stage(until ? "until " + category : category, until ? open - 1 : i == headerEnd ? open : i, stepEnd, tokens,
                        categoryWhere(b.query, inside), until ? "ends the sequence when it matches" : null);
                i = stepEnd;
            }
        } else {
            b.stage(tokens.isEmpty() ? "query" : tokens.get(0).lower(), 0, end, tokens, categoryWhere(b.query, tokens.subList(0, end)), null);
        }
        pipes(b, tokens, end);
    }

    /** {@code process where cond}: the category as an {@code event.category} test, and the condition. */
    private static Expr categoryWhere(String query, List<Token<ElasticTokenKind>> tokens) {
        int where = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(ElasticTokenKind.WORD, "where")) {
                where = i;
                break;
            }
        }
        if (where < 0) {
            return null;
        }
        Expr condition = new ElasticExprParser(ElasticLanguage.EQL, query, tokens.subList(where + 1, tokens.size())).parse();
        String category = where == 1 ? tokens.get(0).lower() : null;
        if (category == null || ANY_CATEGORY.contains(category)) {
            return condition;
        }
        Expr categoryTest = new Expr.Leaf(new Predicate("event.category", null, Kind.EQ, category, List.of(), null));
        if (condition == null) {
            return categoryTest;
        }
        List<Expr> parts = new ArrayList<>(List.of(categoryTest));
        if (condition instanceof Expr.And and) {
            parts.addAll(and.parts());
        } else {
            parts.add(condition);
        }
        return new Expr.And(List.copyOf(parts));
    }

    /** The {@code by} keys between {@code from} and {@code to}, stopping at {@code with}. */
    private static List<String> byKeys(List<Token<ElasticTokenKind>> tokens, int from, int to) {
        List<String> keys = new ArrayList<>();
        boolean inBy = false;
        for (int i = from; i < to; i++) {
            Token<ElasticTokenKind> t = tokens.get(i);
            if (t.is(ElasticTokenKind.WORD, "by")) {
                inBy = true;
            } else if (t.is(ElasticTokenKind.WORD, "with") || t.is(ElasticTokenKind.WORD, "until") || t.is(ElasticTokenKind.LBRACKET)) {
                inBy = false;
            } else if (inBy && t.is(ElasticTokenKind.WORD)) {
                keys.add(t.text().startsWith("?") ? t.text().substring(1) : t.text());
            }
        }
        return keys;
    }

    // esql := source ( "|" command )*
    private void esql(Builder b, List<Token<ElasticTokenKind>> tokens) {
        int from = 0;
        while (from < tokens.size()) {
            int pipe = topLevelPipe(tokens, from + 1);
            List<Token<ElasticTokenKind>> stage = tokens.subList(from, pipe);
            List<Token<ElasticTokenKind>> body = !stage.isEmpty() && stage.get(0).is(ElasticTokenKind.PIPE) ? stage.subList(1, stage.size()) : stage;
            String command = body.isEmpty() ? "(empty)" : body.get(0).lower();
            Expr expr = null;
            String note = null;
            if (command.equals("where") && body.size() > 1) {
                expr = new ElasticExprParser(ElasticLanguage.ESQL, b.query, body.subList(1, body.size())).parse();
            } else if (command.equals("from")) {
                for (int i = 1; i < body.size() && !body.get(i).is(ElasticTokenKind.WORD, "metadata"); i++) {
                    if (body.get(i).is(ElasticTokenKind.WORD) || body.get(i).is(ElasticTokenKind.STRING)) {
                        b.sources.add(body.get(i).text());
                    }
                }
            } else if (command.equals("stats") || command.equals("inline_stats") || command.equals("inlinestats")) {
                b.groupBy.clear();
                b.groupBy.addAll(statsBy(body));
            }
            b.stage(command, from, pipe, tokens, expr, note, defines(command, body));
            from = pipe;
        }
    }

    /**
     * The columns an ES|QL command adds or renames: {@code eval name = ...}, {@code rename old AS new} (or
     * {@code new = old}), and the keys a {@code dissect} or {@code grok} pattern extracts ({@code %{user}},
     * {@code %{IP:source.ip}}).
     */
    static List<String> defines(String command, List<Token<ElasticTokenKind>> body) {
        List<String> names = new ArrayList<>();
        switch (command) {
            case "eval", "rename" -> {
                int nesting = 0;
                for (int i = 1; i < body.size(); i++) {
                    Token<ElasticTokenKind> t = body.get(i);
                    boolean itemStart = i == 1 || body.get(i - 1).is(ElasticTokenKind.COMMA);
                    if (t.is(ElasticTokenKind.LPAREN)) {
                        nesting++;
                    } else if (t.is(ElasticTokenKind.RPAREN)) {
                        nesting--;
                    } else if (nesting == 0 && t.is(ElasticTokenKind.WORD) && itemStart && i + 1 < body.size()
                            && body.get(i + 1).is(ElasticTokenKind.OPERATOR, "=")) {
                        names.add(t.text());
                    } else if (nesting == 0 && t.is(ElasticTokenKind.WORD) && i > 1 && body.get(i - 1).is(ElasticTokenKind.WORD, "as")) {
                        names.add(t.text());
                    }
                }
            }
            case "dissect", "grok" -> {
                for (Token<ElasticTokenKind> t : body) {
                    if (t.is(ElasticTokenKind.STRING)) {
                        java.util.regex.Matcher key = PATTERN_KEY.matcher(t.text());
                        while (key.find()) {
                            String name = patternKey(command, key.group(1));
                            if (name != null) {
                                names.add(name);
                            }
                        }
                    }
                }
            }
            default -> {
            }
        }
        return names;
    }

    /** One key of a dissect or grok pattern, between {@code %{} and {@code }}. */
    private static final java.util.regex.Pattern PATTERN_KEY = java.util.regex.Pattern.compile("%\\{([^}]*)}");

    /**
     * The field a pattern key writes: dissect's {@code %{+name}}, {@code %{?skipped}}, {@code %{name->}} name the
     * field after their modifiers (a {@code ?} key is skipped); grok's {@code %{SYNTAX:name:type}} names it after the
     * first colon, and {@code %{SYNTAX}} alone writes nothing.
     */
    private static String patternKey(String command, String key) {
        if (command.equals("grok")) {
            String[] parts = key.split(":");
            return parts.length > 1 && !parts[1].isBlank() ? parts[1] : null;
        }
        if (key.startsWith("?") || key.isBlank()) {
            return null;
        }
        String name = key.replaceFirst("^[+*&]+", "").replaceFirst("->$", "").replaceFirst("/\\d+$", "");
        return name.isBlank() ? null : name;
    }

    private static List<String> statsBy(List<Token<ElasticTokenKind>> body) {
        int by = -1;
        int nesting = 0;
        for (int i = 0; i < body.size(); i++) {
            Token<ElasticTokenKind> t = body.get(i);
            if (t.is(ElasticTokenKind.LPAREN)) {
                nesting++;
            } else if (t.is(ElasticTokenKind.RPAREN)) {
                nesting--;
            } else if (nesting == 0 && t.is(ElasticTokenKind.WORD, "by")) {
                by = i;
            }
        }
        List<String> keys = new ArrayList<>();
        if (by < 0) {
            return keys;
        }
        boolean expectKey = true;
        for (int i = by + 1; i < body.size(); i++) {
            Token<ElasticTokenKind> t = body.get(i);
            if (t.is(ElasticTokenKind.COMMA)) {
                expectKey = true;
            } else if (expectKey && t.is(ElasticTokenKind.WORD)) {
                keys.add(t.text());
                expectKey = false;
            }
        }
        return keys;
    }

    /** EQL's trailing pipes ({@code | head 5}, {@code | filter ...}), one stage each. */
    private static void pipes(Builder b, List<Token<ElasticTokenKind>> tokens, int from) {
        while (from < tokens.size()) {
            int pipe = topLevelPipe(tokens, from + 1);
            String command = from + 1 < pipe ? tokens.get(from + 1).lower() : "(empty)";
            Expr expr = (command.equals("filter") || command.equals("where")) && from + 2 < pipe
                    ? new ElasticExprParser(ElasticLanguage.EQL, b.query, tokens.subList(from + 2, pipe)).parse() : null;
            b.stage(command, from, pipe, tokens, expr, null);
            from = pipe;
        }
    }

    private static int topLevelPipe(List<Token<ElasticTokenKind>> tokens, int from) {
        int nesting = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token<ElasticTokenKind> t = tokens.get(i);
            if (t.is(ElasticTokenKind.LPAREN) || t.is(ElasticTokenKind.LBRACKET) || t.is(ElasticTokenKind.LBRACE)) {
                nesting++;
            } else if (t.is(ElasticTokenKind.RPAREN) || t.is(ElasticTokenKind.RBRACKET) || t.is(ElasticTokenKind.RBRACE)) {
                nesting = Math.max(0, nesting - 1);
            } else if (nesting == 0 && t.is(ElasticTokenKind.PIPE)) {
                return i;
            }
        }
        return tokens.size();
    }

    private static int indexOfTopLevel(List<Token<ElasticTokenKind>> tokens, ElasticTokenKind kind, int from, int to) {
        int nesting = 0;
        for (int i = from; i < to; i++) {
            Token<ElasticTokenKind> t = tokens.get(i);
            if (nesting == 0 && t.is(kind)) {
                return i;
            }
            if (t.is(ElasticTokenKind.LPAREN) || t.is(ElasticTokenKind.LBRACKET)) {
                nesting++;
            } else if (t.is(ElasticTokenKind.RPAREN) || t.is(ElasticTokenKind.RBRACKET)) {
                nesting = Math.max(0, nesting - 1);
            }
        }
        return -1;
    }

    /** Collects stages with their exact text and then the analysis. */
    private static final class Builder {
        final String query;
        final List<StageAnalysis> stages = new ArrayList<>();
        final List<String> groupBy = new ArrayList<>();
        final List<String> sources = new ArrayList<>();

        Builder(String query) {
            this.query = query;
        }

        /** A stage over tokens {@code [from, to)}; its text runs from its first token to its last. */
        void stage(String command, int from, int to, List<Token<ElasticTokenKind>> tokens, Expr expr, String note) {
            stage(command, from, to, tokens, expr, note, List.of());
        }

        void stage(String command, int from, int to, List<Token<ElasticTokenKind>> tokens, Expr expr, String note,
                List<String> defines) {
            if (from >= to || from >= tokens.size()) {
                return;
            }
            String text = query.substring(tokens.get(from).start(), tokens.get(Math.min(to, tokens.size()) - 1).end());
            stages.add(StageAnalysis.noting(stages.size() + 1, command, text, expr, note, 0, defines));
        }

        QueryAnalysis build(FieldTaxonomy taxonomy) {
            IndicatorCollector collector = new IndicatorCollector(taxonomy);
            List<String> notes = new ArrayList<>();
            for (StageAnalysis s : stages) {
                if (s.expression() != null) {
                    collector.collect(s.n(), s.expression());
                }
                if (s.partlyAnalysed()) {
                    notes.add("stage " + s.n() + ": " + s.note());
                }
            }
            return new QueryAnalysis(List.copyOf(stages), collector.indicators(), collector.terms(), List.copyOf(groupBy), notes, sources);
        }
    }
}
