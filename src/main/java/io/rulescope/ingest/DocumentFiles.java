package io.rulescope.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.rulescope.dialect.DocumentReader;
import io.rulescope.dialect.DocumentSyntaxException;
import io.rulescope.dialect.Dialects;

/**
 * The rule files ingest reads and how each is parsed into documents: YAML, TOML, or a file type a dialect reads
 * itself. Every file gets the same size, encoding and NUL checks first.
 */
final class DocumentFiles {

    private DocumentFiles() {
    }

    static boolean isRuleFile(String name) {
        return isYaml(name) || TomlReader.isToml(name) || Dialects.readerFor(name).isPresent();
    }

    static boolean isYaml(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    /** The file name endings of every rule file, with their dots. */
    static List<String> extensions() {
        List<String> all = new ArrayList<>(List.of(".yml", ".yaml", ".toml"));
        all.addAll(Dialects.extraFileExtensions());
        return all;
    }

    /** Parses one file by its name; never throws for anything the file contains. */
    static YamlReader.Parsed parse(String path, byte[] bytes, YamlReader yaml) {
        if (TomlReader.isToml(path)) {
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
