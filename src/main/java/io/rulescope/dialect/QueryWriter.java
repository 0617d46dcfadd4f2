package io.rulescope.dialect;

import java.util.List;

import io.rulescope.query.Expr;

/**
 * Writes a detection in the shared model as a query of one language: how a Sigma rule reaches a SIEM. Each language
 * that can be written offers its writers through {@link Dialect#writers()}.
 */
@FunctionalInterface
public interface QueryWriter {

    /** A detection whose fields are already named as the target's data names them. */
    Written write(Expr detection);

    /** @param unsupported each construct the language cannot express here, in words; the query is not to be used when any */
    record Written(String query, List<String> unsupported) {
    }
}
