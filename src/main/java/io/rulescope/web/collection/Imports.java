package io.rulescope.web.collection;

import java.nio.charset.StandardCharsets;

import io.rulescope.catalog.Catalog;
import io.rulescope.collection.imports.ImportFormat;
import io.rulescope.collection.imports.ImportProblem;
import io.rulescope.collection.imports.RuleImports;

/** An uploaded or posted file, checked and read as the format the user named. */
final class Imports {

    private Imports() {
    }

    static RuleImports.Report read(String format, byte[] body, Catalog catalog) {
        ImportFormat chosen = ImportFormat.of(format).orElseThrow(() -> new ImportProblem(
                "Unknown format '" + format + "'; the formats are savedsearches, sentinel-arm, elastic-ndjson and navigator."));
        if (body == null || body.length == 0) {
            throw new ImportProblem("The file is empty.");
        }
        if (body.length > RuleImports.MAX_BYTES) {
            throw new ImportProblem("The file is larger than " + RuleImports.MAX_BYTES / (1024 * 1024) + " MiB.");
        }
        return RuleImports.read(chosen, new String(body, StandardCharsets.UTF_8), catalog.rules());
    }
}
