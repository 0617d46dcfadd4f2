package io.rulescope.ingest.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.rulescope.dialect.Dialects;
import io.rulescope.dialect.DocumentReader;
import io.rulescope.dialect.DocumentSyntaxException;
import io.rulescope.ingest.source.RuleFileNames;

/**
 * How each rule file ({@link RuleFileNames}) is parsed into documents: YAML, TOML, or a file type a dialect reads
 * itself. Every file gets the same size, encoding and NUL checks first.
 */
public final class DocumentFiles {

    private DocumentFiles() {
    }

    /** Parses one file by its name; never throws for anything the file contains. */
    public static YamlReader.Parsed parse(String path, byte[] bytes, YamlReader yaml) {
        if (RuleFileNames.isToml(path)) {
            return new TomlReader(yaml.maxBytes()).parse(bytes);
        }
        Optional<DocumentReader> reader = Dialects.readerFor(path);
        return reader.isPresent() ? parse(bytes, reader.get(), yaml) : yaml.parse(bytes);
    }

    private static YamlReader.Parsed parse(byte[] bytes, DocumentReader reader, YamlReader checks) {
        YamlReader.Parsed decoded = checks.decodeOnly(bytes);
        if (decoded.failed()) {
            return decoded;
        }
        try {
            List<Object> documents = new ArrayList<>();
            for (Map<String, Object> document : reader.read(decoded.text())) {
                documents.add(document);
            }
            return new YamlReader.Parsed(decoded.text(), List.copyOf(documents), null, null);
        } catch (DocumentSyntaxException e) {
            return new YamlReader.Parsed(null, List.of(), null, new YamlReader.Failure(e.line(), e.column(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            return new YamlReader.Parsed(null, List.of(), null, new YamlReader.Failure(0, 0,
                    "could not be read: " + e.getClass().getSimpleName()));
        }
    }
}
