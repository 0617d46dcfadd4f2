package io.rulescope.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.query.parse.Token;
import io.rulescope.query.parse.TokenCursor;

/**
 * Parses the search box language: free text, quoted phrases, {@code name:value} / {@code name=value} clauses,
 * {@code AND}/{@code OR}/{@code NOT}/{@code -term} and parentheses. Input, term count and nesting are capped, and
 * every error carries the position of the problem.
 */
final class SearchQueryParser {

    static final int MAX_LENGTH = 2_000;
    static final int MAX_TERMS = 64;
    static final int MAX_DEPTH = 16;

    /**
     * A clause's field part: a name, with Sigma's value modifiers if written ({@code CommandLine|contains}), then
     * {@code :} or {@code =} or a comparison.
     */
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_][\\w.{}/\\-]*(?:\\|[A-Za-z0-9]+)*)(:>=|:<=|:>|:<|!=|:|=)");

    private enum Kind { WORD, PHRASE, FIELD, LPAREN, RPAREN, AND, OR, NOT, MINUS, END }

    private final String input;
    private final List<Token<Kind>> tokens = new ArrayList<>();
    /** The clause each FIELD token stands for, by the token's start. */
    private final Map<Integer, SearchNode.Field> fields = new HashMap<>();
    private TokenCursor<Kind> cursor;
    private int depth;

    private SearchQueryParser(String input) {
        this.input = input;
    }

    static SearchNode parse(String query) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            throw new SearchSyntaxException(0, "Type a word, a technique id such as T1059, or a field value such as eventName=JobCreated.");
        }
        if (q.length() > MAX_LENGTH) {
            throw new SearchSyntaxException(MAX_LENGTH, "The search is longer than " + MAX_LENGTH + " characters; shorten it.");
        }
        SearchQueryParser parser = new SearchQueryParser(query);
        parser.tokenize();
        long terms = parser.tokens.stream().filter(t -> t.is(Kind.WORD) || t.is(Kind.PHRASE) || t.is(Kind.FIELD)).count();
        if (terms > MAX_TERMS) {
            throw new SearchSyntaxException(parser.tokens.get(MAX_TERMS).start(), "The search has " + terms
                    + " terms; at most " + MAX_TERMS + " are allowed.");
        }
        parser.cursor = new TokenCursor<>(query, parser.tokens);
        SearchNode node = parser.or();
        Token<Kind> next = parser.cursor.peek();
        if (next.is(Kind.RPAREN)) {
            throw new SearchSyntaxException(next.start(), "This ')' has no matching '('.");
        }
        if (!next.is(Kind.END)) {
            throw new SearchSyntaxException(next.start(), "Unexpected '" + next.text() + "'.");
        }
        return node;
    }

    private void tokenize() {
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token<>(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), i, i + 1));
                i++;
            } else if (c == '"') {
                int close = closingQuote(i);
                tokens.add(new Token<>(Kind.PHRASE, unescape(input.substring(i + 1, close)), i, close + 1));
                i = close + 1;
            } else if (c == '-' && i + 1 < input.length() && !Character.isWhitespace(input.charAt(i + 1))
                    && (i == 0 || Character.isWhitespace(input.charAt(i - 1)) || input.charAt(i - 1) == '(')) {
                tokens.add(new Token<>(Kind.MINUS, "-", i, i + 1));
                i++;
            } else {
                i = wordOrField(i);
            }
        }
        tokens.add(new Token<>(Kind.END, "", input.length(), input.length()));
    }

    private int wordOrField(int start) {
        Matcher m = FIELD.matcher(input).region(start, input.length());
        if (m.lookingAt() && m.end() < input.length() && !Character.isWhitespace(input.charAt(m.end()))) {
            int valueStart = m.end();
            String value;
            int end;
            boolean quoted = input.charAt(valueStart) == '"';
            if (quoted) {
                int close = closingQuote(valueStart);
                value = unescape(input.substring(valueStart + 1, close));
                end = close + 1;
            } else {
                end = wordEnd(valueStart);
                value = input.substring(valueStart, end);
            }
            tokens.add(new Token<>(Kind.FIELD, input.substring(start, end), start, end));
            fields.put(start, new SearchNode.Field(m.group(1), m.group(2), value, quoted, start));
            return end;
        }
        if (m.lookingAt()) {
            throw new SearchSyntaxException(m.end(), "'" + m.group(1) + m.group(2) + "' needs a value right after it, e.g. "
                    + m.group(1) + m.group(2) + "value.");
        }
        int end = wordEnd(start);
        String word = input.substring(start, end);
        Kind kind = switch (word) {
            case "AND", "&&" -> Kind.AND;
            case "OR", "||" -> Kind.OR;
            case "NOT" -> Kind.NOT;
            default -> Kind.WORD;
        };
        tokens.add(new Token<>(kind, word, start, end));
        return end;
    }

    private int wordEnd(int from) {
        int i = from;
        while (i < input.length() && !Character.isWhitespace(input.charAt(i)) && input.charAt(i) != '(' && input.charAt(i) != ')'
                && input.charAt(i) != '"') {
            i++;
        }
        return i;
    }

    private int closingQuote(int open) {
        for (int i = open + 1; i < input.length(); i++) {
            if (input.charAt(i) == '\\') {
                i++;
            } else if (input.charAt(i) == '"') {
                return i;
            }
        }
        throw new SearchSyntaxException(open, "The quote that starts here is never closed.");
    }

    private static String unescape(String s) {
        return s.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    // or := and ( "OR" and )*
    private SearchNode or() {
        List<SearchNode> parts = new ArrayList<>();
        parts.add(and());
        while (cursor.at(Kind.OR)) {
            Token<Kind> op = cursor.next();
            if (startsNothing(cursor.peek())) {
                throw new SearchSyntaxException(op.start(), "'OR' needs a term on both sides.");
            }
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new SearchNode.Or(List.copyOf(parts));
    }

    // and := unary ( ["AND"] unary )*
    private SearchNode and() {
        List<SearchNode> parts = new ArrayList<>();
        parts.add(unary());
        while (true) {
            Token<Kind> t = cursor.peek();
            if (t.is(Kind.AND)) {
                cursor.next();
                if (startsNothing(cursor.peek())) {
                    throw new SearchSyntaxException(t.start(), "'AND' needs a term on both sides.");
                }
                parts.add(unary());
            } else if (!startsNothing(t)) {
                parts.add(unary());
            } else {
                break;
            }
        }
        return parts.size() == 1 ? parts.get(0) : new SearchNode.And(List.copyOf(parts));
    }

    // unary := ("NOT" | "-") unary | primary
    private SearchNode unary() {
        Token<Kind> t = cursor.peek();
        if (t.is(Kind.NOT) || t.is(Kind.MINUS)) {
            cursor.next();
            if (startsNothing(cursor.peek())) {
                throw new SearchSyntaxException(t.start(), "'" + t.text() + "' needs a term after it.");
            }
            return new SearchNode.Not(unary());
        }
        return primary();
    }

    // primary := "(" or ")" | FIELD | PHRASE | WORD
    private SearchNode primary() {
        Token<Kind> t = cursor.next();
        switch (t.kind()) {
            case LPAREN -> {
                if (++depth > MAX_DEPTH) {
                    throw new SearchSyntaxException(t.start(), "Parentheses nest deeper than " + MAX_DEPTH + " levels.");
                }
                if (cursor.at(Kind.RPAREN)) {
                    throw new SearchSyntaxException(t.start(), "These parentheses are empty.");
                }
                SearchNode inner = or();
                if (!cursor.accept(Kind.RPAREN)) {
                    throw new SearchSyntaxException(t.start(), "This '(' is never closed.");
                }
                depth--;
                return inner;
            }
            case FIELD -> {
                return fields.get(t.start());
            }
            case PHRASE -> {
                if (t.text().isBlank()) {
                    throw new SearchSyntaxException(t.start(), "The quotes hold nothing to search for.");
                }
                return new SearchNode.Phrase(t.text(), t.start());
            }
            case WORD -> {
                if (t.text().chars().allMatch(c -> c == '*' || c == '?')) {
                    throw new SearchSyntaxException(t.start(), "'" + t.text() + "' alone would match every rule; browse all rules at /rules "
                            + "or add a word.");
                }
                return new SearchNode.Word(t.text(), t.start());
            }
            case RPAREN -> throw new SearchSyntaxException(t.start(), "This ')' has no matching '('.");
            case AND, OR -> throw new SearchSyntaxException(t.start(), "'" + t.text() + "' needs a term on both sides.");
            default -> throw new SearchSyntaxException(t.start(), "The search ends where a term was expected.");
        }
    }

    private static boolean startsNothing(Token<Kind> t) {
        return t.is(Kind.END) || t.is(Kind.RPAREN) || t.is(Kind.OR) || t.is(Kind.AND);
    }
}
