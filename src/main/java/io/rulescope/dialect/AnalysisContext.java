package io.rulescope.dialect;

import java.util.Map;

import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Macro;

/**
 * What an ingest analyses its rules with: the macros its sources define (keyed as {@link Macro#key()}) and the field
 * taxonomy that folds field names to their canonical ones.
 */
public record AnalysisContext(Map<String, Macro> macros, FieldTaxonomy taxonomy) {
}
