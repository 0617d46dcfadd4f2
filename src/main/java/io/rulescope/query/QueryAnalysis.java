package io.rulescope.query;

import java.util.List;

/**
 * A rule's query taken apart: its stages, every indicator, the bare search terms and the fields results are grouped
 * by. {@code notes} say what could not be analysed and why.
 */
public record QueryAnalysis(List<StageAnalysis> stages, List<Indicator> indicators, List<SearchTerm> searchTerms,
        List<String> groupBy, List<String> notes) implements java.io.Serializable {

    public static final QueryAnalysis EMPTY = new QueryAnalysis(List.of(), List.of(), List.of(), List.of(), List.of());

    public record SearchTerm(int stage, String term, Polarity polarity) implements java.io.Serializable {
    }
}
