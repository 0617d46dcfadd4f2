package io.rulescope.ingest.source;

import java.io.IOException;

/** One candidate rule file: where it is, and how to read its bytes (bounded by the caller's size limit). */
public record SourceFile(Source source, String path, long size, Reader reader) {

    @FunctionalInterface
    public interface Reader {
        byte[] read() throws IOException;
    }

    public byte[] read() throws IOException {
        return reader.read();
    }
}
