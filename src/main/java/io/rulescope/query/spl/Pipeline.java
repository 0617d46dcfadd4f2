package io.rulescope.query.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        List<Token> tokens = SplTokenizer.tokenize(search);
        List<Stage> stages = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                TokenKind kind = tokens.get(i).kind();
                if (kind == TokenKind.LPAREN || kind == TokenKind.LBRACKET) {
                    depth++;
                } else if ((kind == TokenKind.RPAREN || kind == TokenKind.RBRACKET) && depth > 0) {
                    depth--;
                }
            }
            if (end || (depth == 0 && tokens.get(i).is(TokenKind.PIPE) && i > 0)) {
                List<Token> stageTokens = tokens.subList(from, i);
                if (!stageTokens.isEmpty() && !(stageTokens.size() == 1 && stageTokens.get(0).is(TokenKind.PIPE))) {
                    // The text runs to the next pipe, so a trailing ```comment``` stays with its stage.
                    int textEnd = end ? search.length() : tokens.get(i).start();
                    stages.add(stage(search, stages.size() + 1, stageTokens, textEnd));
                }
                from = i;
            }
        }
        return new Pipeline(search, List.copyOf(stages));
    }

    private static Stage stage(String search, int n, List<Token> tokens, int textEnd) {
        boolean piped = tokens.get(0).is(TokenKind.PIPE);
        List<Token> body = piped ? tokens.subList(1, tokens.size()) : tokens;
        String text = search.substring(tokens.get(0).start(), textEnd).stripTrailing();
        return new Stage(n, command(body, piped, n), text, List.copyOf(tokens));
    }

    private static String command(List<Token> body, boolean piped, int n) {
        if (body.isEmpty()) {
            return "search";
        }
        Token first = body.get(0);
        if (body.stream().allMatch(t -> t.is(TokenKind.MACRO))) {
            return "search";
        }
        if (first.is(TokenKind.WORD) && (piped || n > 1 || first.isWord("search"))) {
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
            List<Token> tokens = stage.tokens();
            int depth = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.is(TokenKind.LPAREN) || t.is(TokenKind.LBRACKET)) {
                    depth++;
                } else if (t.is(TokenKind.RPAREN) || t.is(TokenKind.RBRACKET)) {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0 && (t.isWord("by") || t.isWord("over"))) {
                    List<String> fields = fieldsAfter(tokens, i + 1);
                    if (!fields.isEmpty()) {
                        return fields;
                    }
                }
            }
        }
        return List.of();
    }

    private static List<String> fieldsAfter(List<Token> tokens, int from) {
        List<String> fields = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean option = i + 1 < tokens.size() && tokens.get(i + 1).is(TokenKind.COMPARE);
            if (option) {
                i += 2;
            } else if (t.is(TokenKind.WORD) && !t.isWord("by") && !t.isWord("over")) {
                fields.add(t.text());
            } else if (t.is(TokenKind.QUOTED_FIELD) || t.is(TokenKind.STRING)) {
                fields.add(t.text());
            } else if (!t.is(TokenKind.COMMA)) {
                break;
            }
        }
        return fields;
    }
}
