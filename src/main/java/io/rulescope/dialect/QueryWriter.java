package io.rulescope.dialect;

import java.util.List;

import io.rulescope.query.Expr;

/**
 * Writes a detection in the shared model as a query of one language: how a Sigma rule reaches a SIEM. Each language
 * that can be written offers its writers through {@link Dialect#writers()}.
 */
@FunctionalInterface
public interface QueryWriter {

    /**
     * @param detection a detection whose fields are already named as the target's data names them
     * @param source where the query reads from, as the field-mapping pipeline names it
     */
    Written write(Expr detection, Source source);

    /** @param unsupported each construct the language cannot express here, in words; the query is not to be used when any */
    record Written(String query, List<String> unsupported) {
    }

    /**
     * Where a written query reads its events, each part for the languages that name it: a Kusto table
     * ({@code DeviceProcessEvents}), Elastic index patterns ({@code winlogbeat-*}), a Splunk data model
     * ({@code Endpoint.Processes}) with the fields its {@code tstats} search groups by. Empty parts are left out.
     */
    record Source(String table, List<String> indexes, String dataModel, List<String> dataModelFields) {

        public static final Source ANY = new Source(null, List.of(), null, List.of());

        public Source {
            indexes = List.copyOf(indexes);
            dataModelFields = List.copyOf(dataModelFields);
        }
    }
}
