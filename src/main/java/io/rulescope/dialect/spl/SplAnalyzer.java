package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.rulescope.query.Expr;
import io.rulescope.query.FieldName;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.StageAnalysis;
import io.rulescope.query.parse.Token;

/**
 * Takes an SPL search apart: stages at top-level pipes, predicates from search terms, {@code where},
 * {@code tstats ... where} and {@code regex}, macros expanded from the sources' definitions, and indicators with
 * their polarity. What it cannot read is kept and marked, never guessed.
 */
public final class SplAnalyzer {

    private final MacroExpander macros;
    private final FieldTaxonomy taxonomy;

    public SplAnalyzer(MacroExpander macros, FieldTaxonomy taxonomy) {
        this.macros = macros;
        this.taxonomy = taxonomy;
    }

    public QueryAnalysis analyze(String search) {
        Pipeline pipeline;
        try {
            pipeline = Pipeline.parse(search);
        } catch (QueryTooLargeException e) {
            return new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of(e.getMessage()));
        }
        SplContext context = new SplContext(macros);
        List<StageAnalysis> stages = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        IndicatorCollector collector = new IndicatorCollector(taxonomy);
        for (Stage stage : pipeline.stages()) {
            StageAnalysis analysed = analyse(stage, context);
            stages.add(analysed);
            if (analysed.expression() != null) {
                collector.collect(stage.n(), analysed.expression());
            }
            if (analysed.partlyAnalysed()) {
                notes.add("stage " + stage.n() + ": " + analysed.note());
            }
        }
        return new QueryAnalysis(List.copyOf(stages), collector.indicators(), collector.terms(), pipeline.groupBy(), notes,
                dataModels(search));
    }

    private static final java.util.regex.Pattern DATA_MODEL = java.util.regex.Pattern.compile(
            "\\bdatamodel\\s*[=:]\\s*\"?([A-Za-z_]+(?:\\.[A-Za-z_]+)?)");

    /** The CIM data models a search reads ({@code from datamodel=Endpoint.Processes}): what it needs collected. */
    static List<String> dataModels(String search) {
        java.util.Set<String> models = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = DATA_MODEL.matcher(search);
        while (m.find()) {
            models.add(m.group(1));
        }
        return List.copyOf(models);
    }

    private StageAnalysis analyse(Stage stage, SplContext context) {
        List<Token<SplTokenKind>> tokens = stage.tokens();
        List<Token<SplTokenKind>> body = !tokens.isEmpty() && tokens.get(0).is(SplTokenKind.PIPE) ? tokens.subList(1, tokens.size()) : tokens;
        boolean macroOnly = !body.isEmpty() && body.stream().allMatch(t -> t.is(SplTokenKind.MACRO));
        if (macroOnly && stage.n() > 1) {
            return macroStage(stage, body, context);
        }
        String command = stage.command();
        Expr expr = switch (command) {
            case "search" -> new SearchParser(stage.text(), rebase(stage, body.subList(explicit(body, "search"), body.size())),
                    context, null).parse();
            case "where" -> new WhereParser(stage.text(), rebase(stage, body.subList(1, body.size()))).parse();
            case "tstats" -> tstatsWhere(stage, body, context);
            case "regex" -> regex(body);
            default -> null;
        };
        String note = SUBSEARCH_COMMANDS.contains(command) && expr == null
                ? "runs another search (" + command + "), whose results this stage uses; that search is shown, not taken apart"
                : null;
        return StageAnalysis.noting(stage.n(), command, stage.text(), expr, note, 0, List.of());
    }

    /** Commands that run a search of their own: never passed over silently. */
    private static final java.util.Set<String> SUBSEARCH_COMMANDS = java.util.Set.of("map", "join", "append", "appendcols",
            "appendpipe", "union", "multisearch", "foreach");

    private static int explicit(List<Token<SplTokenKind>> body, String command) {
        return !body.isEmpty() && body.get(0).is(SplTokenKind.WORD, command) ? 1 : 0;
    }

    /** The where clause of tstats uses search syntax and ends at a top-level {@code by}. */
    private Expr tstatsWhere(Stage stage, List<Token<SplTokenKind>> body, SplContext context) {
        int depth = 0;
        int from = -1;
        int to = body.size();
        for (int i = 0; i < body.size(); i++) {
            Token<SplTokenKind> t = body.get(i);
            if (t.is(SplTokenKind.LPAREN) || t.is(SplTokenKind.LBRACKET)) {
                depth++;
            } else if (t.is(SplTokenKind.RPAREN) || t.is(SplTokenKind.RBRACKET)) {
                depth--;
            } else if (depth == 0 && t.is(SplTokenKind.WORD, "where") && from < 0) {
                from = i + 1;
            } else if (depth == 0 && t.is(SplTokenKind.WORD, "by") && from >= 0) {
                to = i;
                break;
            }
        }
        return from < 0 ? null : new SearchParser(stage.text(), rebase(stage, body.subList(from, to)), context, null).parse();
    }

    private static Expr regex(List<Token<SplTokenKind>> body) {
        if (body.size() >= 4 && body.get(2).is(SplTokenKind.COMPARE) && body.get(3).is(SplTokenKind.STRING)) {
            FieldName field = FieldName.of(body.get(1).text());
            Expr leaf = new Expr.Leaf(new io.rulescope.query.Predicate(field.name(), field.dataModel(),
                    io.rulescope.query.Kind.RE, body.get(3).text(), List.of(), null));
            return body.get(2).text().equals("!=") ? new Expr.Not(leaf) : leaf;
        }
        if (body.size() == 2 && body.get(1).is(SplTokenKind.STRING)) {
            return new Expr.Leaf(io.rulescope.query.Predicate.of("_raw", io.rulescope.query.Kind.RE, body.get(1).text()));
        }
        return null;
    }

    /** A stage made only of macros ({@code | `security_content_ctime(firstTime)`}) is shown as a search stage. */
    private StageAnalysis macroStage(Stage stage, List<Token<SplTokenKind>> body, SplContext context) {
        List<String> expansions = new ArrayList<>();
        List<Expr> parts = new ArrayList<>();
        String note = null;
        for (Token<SplTokenKind> t : body) {
            MacroCall call = MacroCall.parse(t.text());
            Optional<String> expansion = context.expansion(call);
            if (expansion.isEmpty()) {
                note = call.isFilterHook() ? "tuning hook: `" + call.name() + "` is where you exclude known-good activity"
                        : "macro `" + call.key() + "` is not defined in any source";
                continue;
            }
            String text = expansion.get();
            expansions.add(text);
            String first = text.isBlank() ? "" : text.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (call.isFilterHook()) {
                note = "tuning hook: `" + call.name() + "` is where you exclude known-good activity"
                        + (text.equals("search *") ? " (empty by default)" : "");
                if (!text.equals("search *")) {
                    parts.add(context.expandInline(call, t.text()));
                }
            } else if (first.equals("search") || first.isEmpty() || text.contains("=") && !looksLikeCommand(first)) {
                parts.add(context.expandInline(call, t.text()));
            } else {
                note = "expands to a `" + first + "` command";
            }
        }
        Expr expr = parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new Expr.And(List.copyOf(parts));
        String expansion = expansions.isEmpty() ? null : String.join(" | ", expansions);
        if (note != null) {
            return new StageAnalysis(stage.n(), "search", stage.text(), expr, expansion, note);
        }
        return StageAnalysis.noting(stage.n(), "search", stage.text(), expr, null, 0, List.of()).withExpansion(expansion);
    }

    /** Command words that a macro body may start with; a bare {@code field=value} is a search instead. */
    private static boolean looksLikeCommand(String word) {
        return word.matches("[a-z]+") && !word.contains("=");
    }

    /** Tokens keep offsets into the whole search; parsers of one stage want them relative to the stage text. */
    private static List<Token<SplTokenKind>> rebase(Stage stage, List<Token<SplTokenKind>> tokens) {
        int offset = stage.tokens().get(0).start();
        return tokens.stream().map(t -> new Token<>(t.kind(), t.text(), t.start() - offset, t.end() - offset)).toList();
    }
}
