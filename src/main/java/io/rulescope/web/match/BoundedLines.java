package io.rulescope.web.match;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a streamed body, none kept longer than a cap: a line beyond it is read to its end and dropped, so a body of
 * 600 MB without a newline costs the cap in memory, not 600 MB. {@link #cut()} says whether the last line was.
 */
final class BoundedLines {

    private final Reader in;
    private final int maxChars;
    private final StringBuilder line = new StringBuilder();
    private long consumed;
    private boolean cut;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its line end, at most the cap long; null at the end of the body. */
    String next() throws IOException {
        line.setLength(0);
        consumed = 0;
        cut = false;
        int c;
        while ((c = in.read()) >= 0) {
            consumed++;
            if (c == '\n') {
                return text();
            }
            if (line.length() < maxChars) {
                line.append((char) c);
            } else {
                cut = true;
            }
        }
        return consumed == 0 ? null : text();
    }

    private String text() {
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
    }

    /** Characters the last line took from the body, its line end included. */
    long consumed() {
        return consumed;
    }

    boolean cut() {
        return cut;
    }
}
