package io.rulescope.query.parse;

/**
 * Reads a quoted string of a query, the way its language spells the inside: with backslash escapes
 * ({@code "a\"b"}), with the quote doubled ({@code @'a''b'}, Kusto's verbatim strings), or as written.
 */
public final class QuotedStrings {

    /**
     * @param backslashEscapes {@code \n}, {@code \t}, {@code \r} are control characters and a backslash takes the
     *     next character as it is
     * @param doubledQuotes two quotes in a row stand for one
     * @param endsAtNewline a line break before the closing quote leaves the string unterminated
     */
    public record Rules(boolean backslashEscapes, boolean doubledQuotes, boolean endsAtNewline) {
    }

    /** A string read: its value with escapes resolved, and the index just past its closing quote. */
    public record Read(String value, int end) {
    }

    private QuotedStrings() {
    }

    /**
     * The string whose opening quote is at {@code quoteAt} (the quote character closes it), or null when the text
     * ends, or a line break comes where {@code rules} forbid one, before it is closed.
     */
    public static Read read(String text, int quoteAt, Rules rules) {
        char quote = text.charAt(quoteAt);
        StringBuilder value = new StringBuilder();
        int i = quoteAt + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                if (rules.doubledQuotes() && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                return new Read(value.toString(), i + 1);
            }
            if (c == '\\' && rules.backslashEscapes() && i + 1 < text.length()) {
                value.append(escaped(text.charAt(i + 1)));
                i += 2;
                continue;
            }
            if (c == '\n' && rules.endsAtNewline()) {
                return null;
            }
            value.append(c);
            i++;
        }
        return null;
    }

    private static char escaped(char c) {
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> c;
        };
    }
}
