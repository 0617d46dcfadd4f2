package io.rulescope.dialect;

import java.util.List;
import java.util.Map;

/**
 * Reads the text of a rule file that is neither YAML nor TOML into documents of maps, lists and strings, as the YAML
 * reader gives them, so the rest of ingest treats every file alike. Rule files are untrusted: a reader bounds its
 * work by the text's length and never follows anything the text names.
 */
@FunctionalInterface
public interface DocumentReader {

    /**
     * @throws DocumentSyntaxException if the text is not a file of this type, with where it stops being one
     */
    List<Map<String, Object>> read(String text);
}
