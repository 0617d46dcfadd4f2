package io.rulescope.dialect.spl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import io.rulescope.query.Expr;
import io.rulescope.query.QueryTooLargeException;
import io.rulescope.query.parse.Token;

/** Shared state of one analysis: the macro definitions and the chain of macros being expanded (to stop cycles). */
final class SplContext {

    private final MacroExpander macros;
    private final Deque<String> expanding = new ArrayDeque<>();

    SplContext(MacroExpander macros) {
        this.macros = macros;
    }

    Optional<String> expansion(MacroCall call) {
        return macros.expand(call);
    }

    /** A macro inside a search expression: its expansion is parsed in place, its predicates remember the macro. */
    Expr expandInline(MacroCall call, String written) {
        Optional<String> expansion = macros.expand(call);
        if (expansion.isEmpty()) {
            return new Expr.Opaque("`" + written + "`", call.isFilterHook() ? "tuning hook macro, not defined in the sources"
                    : "macro `" + call.key() + "` is not defined in any source");
        }
        if (expanding.contains(call.key()) || expanding.size() >= MacroExpander.MAX_DEPTH) {
            return new Expr.Opaque("`" + written + "`", "macro expansion loops or nests deeper than " + MacroExpander.MAX_DEPTH);
        }
        String text = expansion.get();
        if (text.isEmpty() || text.equals("search *") || text.equals("*")) {
            return new Expr.All();
        }
        expanding.push(call.key());
        try {
            String body = text.regionMatches(true, 0, "search ", 0, 7) ? text.substring(7) : text;
            List<Token<SplTokenKind>> tokens = SplTokenizer.tokenize(body);
            Expr parsed = new SearchParser(body, tokens, this, call.name()).parse();
            return parsed == null ? new Expr.All() : parsed;
        } catch (QueryTooLargeException e) {
            return new Expr.Opaque("`" + written + "`", e.getMessage());
        } finally {
            expanding.pop();
        }
    }
}
