package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.parse.Token;

/**
 * An SPL search split into {@link Stage}s at top-level pipes only: a pipe inside a quoted string, a macro, a
 * subsearch or parentheses belongs to the stage around it (one ESCU search in three has such a pipe).
 */
public record Pipeline(String search, List<Stage> stages) {

    /** Commands with more than one spelling, folded to the one Splunk documents first. */
    private static final Map<String, String> ALIASES = Map.of("bin", "bucket", "kv", "extract", "run", "script",
            "outputlookup", "outputlookup", "inputcsv", "inputcsv");

    private static final Set<String> AGGREGATIONS = Set.of("stats", "tstats", "eventstats", "streamstats", "chart",
            "timechart", "sistats", "geostats", "mstats", "sitimechart", "sichart", "top", "rare");

    public static Pipeline parse(String search) {
        List<Token<SplTokenKind>> tokens = SplTokenizer.tokenize(search);
        List<Stage> stages = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                SplTokenKind kind = tokens.get(i).kind();
                if (kind == SplTokenKind.LPAREN || kind == SplTokenKind.LBRACKET) {
                    depth++;
                } else if ((kind == SplTokenKind.RPAREN || kind == SplTokenKind.RBRACKET) && depth > 0) {
                    depth--;
                }
            }
            if (end || (depth == 0 && tokens.get(i).is(SplTokenKind.PIPE) && i > 0)) {
                List<Token<SplTokenKind>> stageTokens = tokens.subList(from, i);
                if (!stageTokens.isEmpty() && !(stageTokens.size() == 1 && stageTokens.get(0).is(SplTokenKind.PIPE))) {
                    // The text runs to the next pipe, so a trailing ```comment``` stays with its stage.
                    int textEnd = end ? search.length() : tokens.get(i).start();
                    stages.add(stage(search, stages.size() + 1, stageTokens, textEnd));
                }
                from = i;
            }
        }
        return new Pipeline(search, List.copyOf(stages));
    }

    private static Stage stage(String search, int n, List<Token<SplTokenKind>> tokens, int textEnd) {
        boolean piped = tokens.get(0).is(SplTokenKind.PIPE);
        List<Token<SplTokenKind>> body = piped ? tokens.subList(1, tokens.size()) : tokens;
        String text = search.substring(tokens.get(0).start(), textEnd).stripTrailing();
        return new Stage(n, command(body, piped, n), text, List.copyOf(tokens));
    }

    private static String command(List<Token<SplTokenKind>> body, boolean piped, int n) {
        if (body.isEmpty()) {
            return "search";
        }
        Token<SplTokenKind> first = body.get(0);
        if (body.stream().allMatch(t -> t.is(SplTokenKind.MACRO))) {
            return "search";
        }
        if (first.is(SplTokenKind.WORD) && (piped || n > 1 || first.is(SplTokenKind.WORD, "search"))) {
            String name = first.text().toLowerCase(Locale.ROOT);
            return ALIASES.getOrDefault(name, name);
        }
        return "search";
    }

    /**
     * The fields the results are grouped by: those after {@code BY} in the last aggregating stage that has one
     * ({@code stats ... BY user dest}); options written as {@code name=value} ({@code span=1h}) are not fields.
     */
    public List<String> groupBy() {
        for (int s = stages.size() - 1; s >= 0; s--) {
            Stage stage = stages.get(s);
            if (!AGGREGATIONS.contains(stage.command())) {
                continue;
            }
            List<Token<SplTokenKind>> tokens = stage.tokens();
            int depth = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token<SplTokenKind> t = tokens.get(i);
                if (t.is(SplTokenKind.LPAREN) || t.is(SplTokenKind.LBRACKET)) {
                    depth++;
                } else if (t.is(SplTokenKind.RPAREN) || t.is(SplTokenKind.RBRACKET)) {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0 && (t.is(SplTokenKind.WORD, "by") || t.is(SplTokenKind.WORD, "over"))) {
                    List<String> fields = fieldsAfter(tokens, i + 1);
                    if (!fields.isEmpty()) {
                        return fields;
                    }
                }
            }
        }
        return List.of();
    }

    private static List<String> fieldsAfter(List<Token<SplTokenKind>> tokens, int from) {
        List<String> fields = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            Token<SplTokenKind> t = tokens.get(i);
            boolean option = i + 1 < tokens.size() && tokens.get(i + 1).is(SplTokenKind.COMPARE);
            if (option) {
                i += 2;
            } else if (t.is(SplTokenKind.WORD) && !t.is(SplTokenKind.WORD, "by") && !t.is(SplTokenKind.WORD, "over")) {
                fields.add(t.text());
            } else if (t.is(SplTokenKind.QUOTED_FIELD) || t.is(SplTokenKind.STRING)) {
                fields.add(t.text());
            } else if (!t.is(SplTokenKind.COMMA)) {
                break;
            }
        }
        return fields;
    }
}
