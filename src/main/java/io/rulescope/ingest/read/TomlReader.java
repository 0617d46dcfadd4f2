package io.rulescope.ingest.read;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.toml.TomlFactory;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Parses TOML rule files (Elastic's detection rules) as untrusted input, into the same maps and lists the YAML
 * reader gives, so mappers read both alike. Jackson's TOML format does the parsing; its stream limits cap nesting
 * and string sizes, and its errors carry the line and column a rule author needs.
 */
public final class TomlReader {

    private static final TomlMapper MAPPER = TomlMapper.builder(TomlFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(YamlReader.MAX_NESTING).build())
            .build()).build();

    private final YamlReader text;

    TomlReader(long maxBytes) {
        this.text = new YamlReader(maxBytes);
    }

    /** Reads one file: the same size, encoding and NUL checks as YAML, then the TOML document as one map. */
    YamlReader.Parsed parse(byte[] bytes) {
        YamlReader.Parsed decoded = text.decodeOnly(bytes);
        if (decoded.failed()) {
            return decoded;
        }
        try {
            Map<?, ?> document = MAPPER.readValue(decoded.text(), Map.class);
            return new YamlReader.Parsed(decoded.text(), List.of(document), null, null);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String reason = "TOML error: " + firstLine(e.getOriginalMessage());
            return at == null ? failed(reason) : new YamlReader.Parsed(null, List.of(), null,
                    new YamlReader.Failure(Math.max(0, at.getLineNr()), Math.max(0, at.getColumnNr()), reason));
        } catch (RuntimeException | StackOverflowError e) {
            return failed("TOML error: " + e.getClass().getSimpleName());
        }
    }

    private static YamlReader.Parsed failed(String reason) {
        return new YamlReader.Parsed(null, List.of(), null, new YamlReader.Failure(0, 0, reason));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
