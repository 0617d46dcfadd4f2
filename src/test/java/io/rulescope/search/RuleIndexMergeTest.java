package io.rulescope.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.rulescope.attack.AttackCatalog;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.junit.jupiter.api.Test;

/** Ingest serves the index as written and swaps in a one-segment copy once the catalog serves. */
class RuleIndexMergeTest {

    private final RuleIndex indexer = new RuleIndex(AttackCatalog.load(null));

    private static Rule rule(int i) {
        Rule rule = new Rule("u" + i, "id-" + i, false, "Rule number " + i + (i % 2 == 0 ? " whoami" : " certutil"), io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setSource("src", i + ".yml", null, 0);
        rule.setTechniqueIds(List.of("T1059.00" + (i % 5 + 1)));
        return rule;
    }

    private static int segments(RuleIndex.Built built) throws Exception {
        return SegmentInfos.readLatestCommit(built.directory()).size();
    }

    @Test
    void anIndexOfSeveralSegmentsMergesIntoOneWithTheSameRulesAndAnswers() throws Exception {
        List<Rule> rules = IntStream.range(0, 200).mapToObj(RuleIndexMergeTest::rule).toList();
        RuleIndex.Built built = indexer.build(rules, r -> QueryAnalysis.EMPTY);
        // A refresh's update adds a segment of the changed rules: two segments whatever the threads did.
        RuleIndex.Built twoOrMore = indexer.update(built, List.of("u3"), List.of(rule(7)), r -> QueryAnalysis.EMPTY,
                (r, a) -> io.rulescope.indicator.Telemetry.NONE);
        assertThat(segments(twoOrMore)).isGreaterThan(1);
        assertThat(indexer.mergeable(twoOrMore)).isTrue();

        RuleIndex.Built merged = indexer.merged(twoOrMore);

        assertThat(segments(merged)).isEqualTo(1);
        assertThat(indexer.mergeable(merged)).isFalse();
        assertThat(indexer.merged(merged)).isSameAs(merged);
        try (DirectoryReader before = DirectoryReader.open(twoOrMore.directory());
                DirectoryReader after = DirectoryReader.open(merged.directory())) {
            assertThat(after.numDocs()).isEqualTo(before.numDocs()).isEqualTo(199);
        }
        SearchService search = new SearchService(AttackCatalog.load(null), io.rulescope.query.FieldTaxonomy.NONE);
        try (SearchIndex a = indexer.openUntilMerged(twoOrMore); SearchIndex b = indexer.open(merged)) {
            for (String q : List.of("whoami", "T1059", "title:certutil", "*oam*")) {
                assertThat(search.searchWithoutCache(b, q, 1, 500, "title").hits())
                        .as(q).isEqualTo(search.searchWithoutCache(a, q, 1, 500, "title").hits()).isNotEmpty();
            }
        }
    }
}
