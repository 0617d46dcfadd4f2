package io.rulescope.query;

import java.util.List;

/**
 * A rule's query taken apart: its stages, every indicator, the bare search terms and the fields results are grouped
 * by. {@code notes} say what could not be analysed and why; {@code sources} name what the query reads where the
 * query itself says so (Kusto tables and functions, ES|QL and EQL indexes), as written.
 */
public record QueryAnalysis(List<StageAnalysis> stages, List<Indicator> indicators, List<SearchTerm> searchTerms,
        List<String> groupBy, List<String> notes, List<String> sources) {

    public QueryAnalysis {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public QueryAnalysis(List<StageAnalysis> stages, List<Indicator> indicators, List<SearchTerm> searchTerms,
            List<String> groupBy, List<String> notes) {
        this(stages, indicators, searchTerms, groupBy, notes, List.of());
    }

    public static final QueryAnalysis EMPTY = new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of());

    public record SearchTerm(int stage, String term, Polarity polarity) {
    }
}
