package io.rulescope.search;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;

/**
 * A wildcard pattern over one field, matched against the segment's {@link TermTable} (built once per segment and
 * field, see {@link SegmentTables}). Constant score: a pattern says which rules qualify, not how well.
 * A pattern may match at most {@link #MAX_TERMS} different values per segment, and stops when the search's time
 * budget runs out; either way the search is reported as partial through {@link #cut}.
 */
final class GlobQuery extends Query {

    static final int MAX_TERMS = 10_000;

    private final String field;
    private final Glob glob;
    private final QueryTimeout budget;
    private final AtomicBoolean cut;

    /**
     * @param budget checked while matching; null for none
     * @param cut set when this pattern's answer is incomplete (too many values, or out of time)
     */
    GlobQuery(String field, String pattern, QueryTimeout budget, AtomicBoolean cut) {
        this.field = field;
        this.glob = new Glob(pattern);
        this.budget = budget;
        this.cut = cut;
    }

    boolean scansEveryTerm() {
        return glob.scansEveryTerm();
    }

    /** Builds the tables of these fields for every segment now, so that no search pays for it later. */
    static TermTable table(LeafReader reader, String field) {
        return SegmentTables.of(reader).terms(reader, field);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public Scorer scorer(LeafReaderContext context) {
                TermTable.Match match = table(context.reader(), field).match(glob, MAX_TERMS, budget);
                if (match.cut() && cut != null) {
                    cut.set(true);
                }
                if (match.terms() == 0) {
                    return null;
                }
                int cost = match.docs().cardinality();
                return new ConstantScoreScorer(this, score(), scoreMode, new BitSetIterator(match.docs(), cost));
            }

            @Override
            public boolean isCacheable(LeafReaderContext context) {
                // Its answer depends on a time budget; never keep it in Lucene's query cache.
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String defaultField) {
        return (field.equals(defaultField) ? "" : field + ":") + glob.pattern();
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && field.equals(((GlobQuery) other).field) && glob.pattern().equals(((GlobQuery) other).glob.pattern());
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, glob.pattern());
    }
}
