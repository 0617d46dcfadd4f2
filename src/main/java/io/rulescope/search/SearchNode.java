package io.rulescope.search;

import java.util.List;

/** The parsed form of a search, before it becomes a Lucene query. */
sealed interface SearchNode {

    record And(List<SearchNode> parts) implements SearchNode {
    }

    record Or(List<SearchNode> parts) implements SearchNode {
    }

    record Not(SearchNode inner) implements SearchNode {
    }

    /** A bare word: free text, a technique id, or a pattern with wildcards. */
    record Word(String text, int position) implements SearchNode {
    }

    record Phrase(String text, int position) implements SearchNode {
    }

    /** Every rule: what a listing without filters shows. The search box never produces it (a blank search is an error). */
    record Everything() implements SearchNode {
    }

    /** {@code name:value}, {@code name=value}, {@code name:>=value}: a filter or a field-value search. */
    record Field(String name, String op, String value, boolean quoted, int position) implements SearchNode {
    }
}
