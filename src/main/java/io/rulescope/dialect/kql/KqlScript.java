package io.rulescope.dialect.kql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.parse.Token;

/**
 * A Kusto query split into {@link KqlStage}s: statements at top-level {@code ;}, each query at top-level {@code |},
 * with the sub-queries of {@code let}, {@code join}, {@code union} and {@code lookup} split the same way one level
 * deeper. On the way it notes what the query reads (its tables and functions) and the literal lists its
 * {@code let} statements define, so a filter on {@code procs} can be shown with the values {@code procs} holds.
 */
public final class KqlScript {

    /** Sub-queries nest deeper than this only in generated text; deeper ones are shown, not split. */
    static final int MAX_DEPTH = 16;

    /** Words that start a query without naming a table. */
    private static final Set<String> SOURCE_OPERATORS = Set.of("union", "search", "find", "datatable", "print", "range",
            "evaluate", "externaldata", "external_data", "materialize", "toscalar", "view", "macro-expand", "cluster", "database");

    private final String query;
    private final List<KqlStage> stages = new ArrayList<>();
    private final Set<String> sources = new LinkedHashSet<>();
    private final Map<String, List<String>> letValues = new LinkedHashMap<>();
    private final Set<String> letNames = new LinkedHashSet<>();

    private KqlScript(String query) {
        this.query = query;
    }

    public static KqlScript parse(String query) {
        KqlScript script = new KqlScript(query);
        script.statements(KqlTokenizer.tokenize(query), 0);
        return script;
    }

    public String query() {
        return query;
    }

    public List<KqlStage> stages() {
        return List.copyOf(stages);
    }

    /** The tables and functions the query reads from, as written ({@code SecurityEvent}, {@code _Im_Dns}). */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** Literal values of each {@code let} that holds a list or a single literal. */
    public Map<String, List<String>> letValues() {
        return Map.copyOf(letValues);
    }

    /** Every name a {@code let} defines, lists and sub-queries alike. */
    public Set<String> letNames() {
        return Set.copyOf(letNames);
    }

    /** The stage exactly as written; the top-level stages, in order, are the whole query. */
    public String text(KqlStage stage) {
        return query.substring(stage.start(), stage.end());
    }

    /**
     * The stage as a page shows it. A union, join or lookup, and a source in parentheses, show each sub-query they
     * hold as {@code (…)}: its stages follow one level deeper, and a union of a dozen queries written out again in full
     * made one stage as long as the rule.
     */
    public String shown(KqlStage stage) {
        if (!Set.of("union", "join", "lookup", "table").contains(stage.command())) {
            return query.substring(stage.start(), stage.end());
        }
        List<Token<KqlTokenKind>> tokens = stage.tokens();
        StringBuilder out = new StringBuilder();
        int copied = stage.start();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(KqlTokenKind.LPAREN)) {
                int close = closing(tokens, i);
                if (indexOf(tokens.subList(i + 1, close), KqlTokenKind.PIPE, 0) >= 0) {
                    out.append(query, copied, tokens.get(i).start()).append("(…)");
                    copied = tokens.get(close).end();
                    i = close;
                }
            }
        }
        return out.append(query, Math.min(copied, stage.end()), stage.end()).toString();
    }

    // statements := statement ( ";" statement )* [ ";" ]
    private void statements(List<Token<KqlTokenKind>> tokens, int depth) {
        int from = 0;
        int nesting = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            if (i < tokens.size()) {
                nesting += nesting(tokens.get(i));
                if (nesting < 0) {
                    nesting = 0;
                }
            }
            boolean end = i == tokens.size();
            if (end || nesting == 0 && tokens.get(i).is(KqlTokenKind.SEMICOLON)) {
                List<Token<KqlTokenKind>> statement = tokens.subList(from, end ? i : i + 1);
                if (!statement.isEmpty() && !(statement.size() == 1 && statement.get(0).is(KqlTokenKind.SEMICOLON))) {
                    statement(statement, depth);
                }
                from = i + 1;
            }
        }
    }

    private static int nesting(Token<KqlTokenKind> t) {
        return switch (t.kind()) {
            case LPAREN, LBRACKET, LBRACE -> 1;
            case RPAREN, RBRACKET, RBRACE -> -1;
            default -> 0;
        };
    }

    // statement := "let" name "=" body | ("set" | "declare" | "alias" | "pattern") ... | pipeline
    private void statement(List<Token<KqlTokenKind>> tokens, int depth) {
        Token<KqlTokenKind> first = tokens.get(0);
        if (first.is(KqlTokenKind.WORD, "let") && tokens.size() >= 3) {
            add(depth, "let", tokens);
            let(tokens, depth);
        } else if (first.is(KqlTokenKind.WORD, "set") || first.is(KqlTokenKind.WORD, "declare") || first.is(KqlTokenKind.WORD, "alias") || first.is(KqlTokenKind.WORD, "pattern")) {
            add(depth, first.lower(), tokens);
        } else {
            pipeline(withoutSemicolon(tokens), depth);
        }
    }

    private static List<Token<KqlTokenKind>> withoutSemicolon(List<Token<KqlTokenKind>> tokens) {
        return tokens.get(tokens.size() - 1).is(KqlTokenKind.SEMICOLON) ? tokens.subList(0, tokens.size() - 1) : tokens;
    }

    // let := "let" name "=" ( literal | "dynamic" "(" "[" literals "]" ")" | "datatable" ... | "(" params ")" "{" statements "}" | query )
    private void let(List<Token<KqlTokenKind>> tokens, int depth) {
        String name = tokens.get(1).text();
        letNames.add(name);
        int eq = 2;
        if (!tokens.get(eq).is(KqlTokenKind.OPERATOR, "=")) {
            return;
        }
        List<Token<KqlTokenKind>> body = withoutSemicolon(tokens).subList(eq + 1, withoutSemicolon(tokens).size());
        if (body.isEmpty()) {
            return;
        }
        Token<KqlTokenKind> head = body.get(0);
        if (body.size() == 1 && (head.is(KqlTokenKind.STRING) || head.is(KqlTokenKind.NUMBER))) {
            letValues.put(name, List.of(head.text()));
        } else if ((head.is(KqlTokenKind.WORD, "dynamic") || head.is(KqlTokenKind.WORD, "pack_array")) && isLiteralList(body.subList(1, body.size()))) {
            letValues.put(name, literals(body));
        } else if (head.is(KqlTokenKind.WORD, "datatable")) {
            int values = indexOf(body, KqlTokenKind.LBRACKET, 0);
            if (values > 0) {
                letValues.put(name, literals(body.subList(values, body.size())));
            }
        } else if (head.is(KqlTokenKind.LPAREN)) {
            int close = closing(body, 0);
            if (close + 1 < body.size() && body.get(close + 1).is(KqlTokenKind.LBRACE)) {
                int braceClose = closing(body, close + 1);
                nested(body.subList(close + 2, braceClose), depth + 1, true);
            } else if (close == body.size() - 1) {
                nested(body.subList(1, close), depth + 1, true);
            }
        } else if ((head.is(KqlTokenKind.WORD, "materialize") || head.is(KqlTokenKind.WORD, "toscalar") || head.is(KqlTokenKind.WORD, "view"))
                && body.size() > 2 && body.get(1).is(KqlTokenKind.LPAREN) && closing(body, 1) == body.size() - 1) {
            nested(body.subList(2, body.size() - 1), depth + 1, true);
        } else if (head.is(KqlTokenKind.WORD) && indexOf(body, KqlTokenKind.PIPE, 0) > 0) {
            nested(body, depth + 1, true);
        }
    }

    private void nested(List<Token<KqlTokenKind>> tokens, int depth, boolean statementsAllowed) {
        if (tokens.isEmpty()) {
            return;
        }
        if (depth > MAX_DEPTH) {
            return;
        }
        if (statementsAllowed) {
            statements(tokens, depth);
        } else {
            pipeline(tokens, depth);
        }
    }

    // pipeline := source ( "|" operator )*
    private void pipeline(List<Token<KqlTokenKind>> tokens, int depth) {
        if (tokens.isEmpty()) {
            return;
        }
        int from = 0;
        int nesting = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                nesting = Math.max(0, nesting + nesting(tokens.get(i)));
            }
            if (end || nesting == 0 && tokens.get(i).is(KqlTokenKind.PIPE) && i > from) {
                List<Token<KqlTokenKind>> segment = tokens.subList(from, i);
                if (!segment.isEmpty()) {
                    segment(segment, depth, from == 0);
                }
                from = i;
            }
        }
    }

    private void segment(List<Token<KqlTokenKind>> tokens, int depth, boolean first) {
        boolean piped = tokens.get(0).is(KqlTokenKind.PIPE);
        List<Token<KqlTokenKind>> body = piped ? tokens.subList(1, tokens.size()) : tokens;
        String command;
        if (body.isEmpty()) {
            command = "(empty)";
        } else if (first && !piped) {
            String word = body.get(0).lower();
            command = body.get(0).is(KqlTokenKind.WORD) && SOURCE_OPERATORS.contains(word) ? word
                    : body.get(0).is(KqlTokenKind.LPAREN) ? "table" : body.get(0).is(KqlTokenKind.WORD) ? "table" : "expression";
        } else {
            command = body.get(0).is(KqlTokenKind.WORD) ? body.get(0).lower() : body.get(0).text();
        }
        add(depth, command, tokens);
        if (body.isEmpty()) {
            return;
        }
        if (command.equals("table")) {
            source(body, depth);
        } else if (command.equals("union") || command.equals("join") || command.equals("lookup")) {
            legs(body.subList(1, body.size()), depth);
        }
    }

    /** The first stage of a query: a table, a function call, a let name, or a parenthesised query. */
    private void source(List<Token<KqlTokenKind>> body, int depth) {
        Token<KqlTokenKind> head = body.get(0);
        if (head.is(KqlTokenKind.LPAREN)) {
            int close = closing(body, 0);
            nested(body.subList(1, close), depth + 1, true);
        } else if (head.is(KqlTokenKind.WORD, "table") && body.size() > 1 && body.get(1).is(KqlTokenKind.LPAREN)) {
            // table("SigninLogs") reads the table it names; table(tableName) one a let parameter names, unknown here.
            if (body.size() > 2 && body.get(2).is(KqlTokenKind.STRING)) {
                sources.add(body.get(2).text());
            }
        } else if (head.is(KqlTokenKind.WORD) && !letNames.contains(head.text())) {
            sources.add(head.text());
        }
    }

    /** The legs of a union and the right side of a join or lookup: table names or parenthesised queries. */
    private void legs(List<Token<KqlTokenKind>> tokens, int depth) {
        int i = 0;
        while (i < tokens.size()) {
            Token<KqlTokenKind> t = tokens.get(i);
            if (t.is(KqlTokenKind.LPAREN)) {
                int close = closing(tokens, i);
                List<Token<KqlTokenKind>> inner = tokens.subList(i + 1, close);
                if (inner.size() == 1 && inner.get(0).is(KqlTokenKind.WORD)) {
                    if (!letNames.contains(inner.get(0).text())) {
                        sources.add(inner.get(0).text());
                    }
                } else {
                    nested(inner, depth + 1, true);
                }
                i = close + 1;
            } else if (t.is(KqlTokenKind.WORD) && i + 1 < tokens.size()
                    && (tokens.get(i + 1).is(KqlTokenKind.OPERATOR, "=") || tokens.get(i + 1).is(KqlTokenKind.DOT))) {
                // an option: kind=inner, isfuzzy=true, hint.strategy=broadcast
                while (i < tokens.size() && !tokens.get(i).is(KqlTokenKind.OPERATOR, "=")) {
                    i++;
                }
                i += 2;
            } else if (t.is(KqlTokenKind.WORD, "on") || t.is(KqlTokenKind.WORD, "by")) {
                return;
            } else if (t.is(KqlTokenKind.WORD) && !letNames.contains(t.text())) {
                sources.add(t.text());
                i++;
            } else {
                i++;
            }
        }
    }

    private void add(int depth, String command, List<Token<KqlTokenKind>> tokens) {
        Token<KqlTokenKind> last = tokens.get(tokens.size() - 1);
        stages.add(new KqlStage(depth, command, tokens.get(0).start(), last.end(), List.copyOf(tokens)));
    }

    private static boolean isLiteralList(List<Token<KqlTokenKind>> tokens) {
        return tokens.stream().allMatch(t -> t.is(KqlTokenKind.STRING) || t.is(KqlTokenKind.NUMBER) || t.is(KqlTokenKind.COMMA)
                || t.is(KqlTokenKind.LPAREN) || t.is(KqlTokenKind.RPAREN) || t.is(KqlTokenKind.LBRACKET) || t.is(KqlTokenKind.RBRACKET));
    }

    private static List<String> literals(List<Token<KqlTokenKind>> tokens) {
        List<String> values = new ArrayList<>();
        for (Token<KqlTokenKind> t : tokens) {
            if (t.is(KqlTokenKind.STRING) || t.is(KqlTokenKind.NUMBER)) {
                values.add(t.text());
            }
        }
        return List.copyOf(values);
    }

    private static int indexOf(List<Token<KqlTokenKind>> tokens, KqlTokenKind kind, int from) {
        int nesting = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token<KqlTokenKind> t = tokens.get(i);
            if (t.is(kind) && (nesting == 0 || kind == KqlTokenKind.LBRACKET)) {
                return i;
            }
            nesting = Math.max(0, nesting + nesting(t));
        }
        return -1;
    }

    /** The index of the bracket closing the one at {@code open}, or the last index when the query never closes it. */
    static int closing(List<Token<KqlTokenKind>> tokens, int open) {
        int nesting = 0;
        for (int i = open; i < tokens.size(); i++) {
            nesting += nesting(tokens.get(i));
            if (nesting == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
