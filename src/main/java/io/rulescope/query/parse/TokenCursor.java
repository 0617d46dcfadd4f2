package io.rulescope.query.parse;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.rulescope.query.Diagnostic;
import io.rulescope.query.QueryParseException;

/**
 * A parser's place in its tokens. The token list ends with one token of the language's end kind, which
 * {@link #peek()} keeps returning once reached, so a parser never reads past the end.
 */
public final class TokenCursor<K extends Enum<K>> {

    private final String source;
    private final List<Token<K>> tokens;
    private int pos;

    /**
     * @param source the query the tokens were cut from
     * @param tokens its tokens, the last of them the end token
     */
    public TokenCursor(String source, List<Token<K>> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("the tokens must end with an end token");
        }
        this.source = source;
        this.tokens = List.copyOf(tokens);
    }

    /**
     * A cursor over tokens that have no end token of their own (a stage's slice of a query): the cursor adds one of no
     * kind, which no {@link #at} matches, where the last token ends.
     */
    public static <K extends Enum<K>> TokenCursor<K> over(String source, List<Token<K>> tokens) {
        List<Token<K>> all = new java.util.ArrayList<>(tokens.size() + 1);
        all.addAll(tokens);
        int end = tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).end();
        all.add(new Token<>(null, "", end, end));
        return new TokenCursor<>(source, all);
    }

    public Token<K> peek() {
        return peek(0);
    }

    /** The token {@code ahead} places on (0 is the next one), or the end token past the end. */
    public Token<K> peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    public boolean at(K kind) {
        return peek().is(kind);
    }

    public boolean at(K kind, String word) {
        return peek().is(kind, word);
    }

    /** Whether only the end token is left. */
    public boolean atEnd() {
        return pos >= tokens.size() - 1;
    }

    /** Takes the next token. At the end it stays on the end token. */
    public Token<K> next() {
        Token<K> t = peek();
        if (!atEnd()) {
            pos++;
        }
        return t;
    }

    /** Takes the next token if it is of this kind. */
    public boolean accept(K kind) {
        if (at(kind)) {
            next();
            return true;
        }
        return false;
    }

    /** Takes the next token if it is this word of this kind, in any case. */
    public boolean accept(K kind, String word) {
        if (at(kind, word)) {
            next();
            return true;
        }
        return false;
    }

    /**
     * Takes the next token, which must be of this kind.
     *
     * @throws QueryParseException with {@link Diagnostic#INCOMPLETE} at the end, {@link Diagnostic#UNEXPECTED} elsewhere
     */
    public Token<K> expect(K kind, String what) {
        if (at(kind)) {
            return next();
        }
        throw atEnd() ? new QueryParseException(Diagnostic.INCOMPLETE, peek().start(), what)
                : new QueryParseException(Diagnostic.UNEXPECTED, peek().start(), peek().text());
    }

    /**
     * Moves to the next token at depth 0 of {@code open}/{@code close} pairs that {@code boundary} accepts, or to the
     * end; the token reached is not taken.
     */
    public void skipTo(Predicate<Token<K>> boundary, K open, K close) {
        int depth = 0;
        while (!atEnd()) {
            Token<K> t = peek();
            if (depth == 0 && boundary.test(t)) {
                return;
            }
            if (t.is(open)) {
                depth++;
            } else if (t.is(close) && depth > 0) {
                depth--;
            }
            next();
        }
    }

    /**
     * Moves past an operand that starts at {@code start} and that a parser cannot read, to carry on after it: up to
     * the first token after the first that {@code endsOperand} accepts outside brackets, or to a closing bracket that
     * closes nothing opened since, or to the end; always past at least its first token.
     *
     * @param opens the kinds that open a bracket; {@code closes} those that close one
     */
    public void skipOperand(int start, Predicate<Token<K>> endsOperand, Set<K> opens, Set<K> closes) {
        reset(start);
        int nesting = 0;
        while (!atEnd()) {
            Token<K> t = peek();
            if (nesting == 0 && pos > start && endsOperand.test(t)) {
                break;
            }
            if (opens.contains(t.kind())) {
                nesting++;
            } else if (closes.contains(t.kind())) {
                if (nesting == 0) {
                    break;
                }
                nesting--;
            }
            next();
        }
        if (pos == start) {
            next();
        }
    }

    /**
     * The mark of the token that closes the bracket at the cursor (brackets of {@code opens} and {@code closes} nest
     * inside it), or of the last token before the end when it is never closed.
     */
    public int closing(Set<K> opens, Set<K> closes) {
        int nesting = 0;
        for (int i = pos; i < tokens.size() - 1; i++) {
            Token<K> t = tokens.get(i);
            if (opens.contains(t.kind())) {
                nesting++;
            } else if (closes.contains(t.kind()) && --nesting == 0) {
                return i;
            }
        }
        return Math.max(pos, tokens.size() - 2);
    }

    /** Where the cursor is, to come back to with {@link #reset} or to cut text from with {@link #textSince}. */
    public int mark() {
        return pos;
    }

    public void reset(int mark) {
        pos = mark;
    }

    /** The query text from the token at {@code mark} up to the end of the last token taken, as written. */
    public String textSince(int mark) {
        if (mark >= pos) {
            return "";
        }
        return source.substring(tokens.get(mark).start(), tokens.get(pos - 1).end());
    }

    /** The query text of the tokens taken since {@code mark}, or of the next token when none was taken. */
    public String textFrom(int mark) {
        if (mark < pos) {
            return textSince(mark);
        }
        Token<K> t = peek();
        return source.substring(t.start(), t.end());
    }

    /** The tokens from mark {@code from} up to mark {@code to}, exclusive: a bracket's content read as a list. */
    public List<Token<K>> tokens(int from, int to) {
        return tokens.subList(Math.min(from, tokens.size() - 1), Math.min(Math.max(from, to), tokens.size() - 1));
    }

    public String source() {
        return source;
    }
}
