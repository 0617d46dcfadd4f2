package io.rulescope.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import org.junit.jupiter.api.Test;

/**
 * A search cut short on the index a start serves before its merged self is warm-up, not the query: it answers
 * "try again" (503 with Retry-After) instead of a partial answer. The same search on the settled index answers
 * partially and says why. A wildcard over more than {@link GlobQuery#MAX_TERMS} values cuts it deterministically.
 */
class WarmingSearchTest {

    private final RuleIndex indexer = new RuleIndex(AttackCatalog.load(null));
    private final SearchService search = new SearchService(AttackCatalog.load(null), io.rulescope.query.FieldTaxonomy.NONE);

    private static Rule rule(int i) {
        Rule rule = new Rule("u" + i, "id-" + i, false, "Rule zq" + i, io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("src", i + ".yml", null, 0);
        return rule;
    }

    @Test
    void aSearchCutShortWhileTheCatalogWarmsUpAsksToBeRetriedInsteadOfAnsweringPartially() throws Exception {
        List<Rule> rules = IntStream.range(0, GlobQuery.MAX_TERMS + 50).mapToObj(WarmingSearchTest::rule).toList();
        RuleIndex.Built built = indexer.merged(indexer.build(rules, r -> QueryAnalysis.EMPTY));

        try (SearchIndex warming = indexer.openUntilMerged(built); SearchIndex settled = indexer.open(built)) {
            assertThat(warming.warming()).isTrue();
            assertThat(settled.warming()).isFalse();

            assertThatThrownBy(() -> search.searchWithoutCache(warming, "title:zq*", 1, 10, "title"))
                    .isInstanceOfSatisfying(SearchBusyException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isPositive();
                        assertThat(e.getMessage()).contains("warming up");
                    });
            SearchResult partial = search.searchWithoutCache(settled, "title:zq*", 1, 10, "title");
            assertThat(partial.partial()).isTrue();
            assertThat(partial.notes()).singleElement().asString().contains("a wildcard matched more than 10,000 different values");
            assertThat(search.searchWithoutCache(warming, "title:zq17", 1, 10, "title").total()).isEqualTo(1);
        }
    }
}
