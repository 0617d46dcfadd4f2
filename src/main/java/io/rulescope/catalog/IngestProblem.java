package io.rulescope.catalog;

/**
 * Something ingest could not take as it was. {@code line} and {@code column} are 1-based, 0 where unknown.
 *
 * @param level {@code ERROR}: the file (or one document of it) was not ingested; {@code WARNING}: ingested, but
 *     something in it was off; {@code SKIPPED}: not a rule, by design
 */
public record IngestProblem(Level level, String source, String path, int line, int column, String reason) {

    public enum Level { ERROR, WARNING, SKIPPED }

    public static IngestProblem error(String source, String path, String reason) {
        return new IngestProblem(Level.ERROR, source, path, 0, 0, reason);
    }

    public static IngestProblem error(String source, String path, int line, int column, String reason) {
        return new IngestProblem(Level.ERROR, source, path, line, column, reason);
    }

    public static IngestProblem warning(String source, String path, String reason) {
        return new IngestProblem(Level.WARNING, source, path, 0, 0, reason);
    }

    public static IngestProblem skipped(String source, String path, String reason) {
        return new IngestProblem(Level.SKIPPED, source, path, 0, 0, reason);
    }

    /** {@code path:line:column} as editors and CI logs print it. */
    public String location() {
        if (line <= 0) {
            return path;
        }
        return column > 0 ? path + ":" + line + ":" + column : path + ":" + line;
    }
}
