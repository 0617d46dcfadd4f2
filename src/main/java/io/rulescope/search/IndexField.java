package io.rulescope.search;

import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Every field of the rule index, in one place with the analyzer they share. Keyword fields hold lower-cased exact
 * values; facet fields hold values as written, for display. {@link #VERSION} changes whenever a field or its
 * analysis changes, so an old index is never reused.
 */
public enum IndexField {
    UID, RULE_ID, TITLE, TITLE_SORT,
    /** The catalog key as doc values: the last tie-breaker, so every replica orders equal hits the same way. */
    UID_SORT, TEXT, PLATFORM, SOURCE, STATUS, SEVERITY, TACTIC, TECHNIQUE, LANGUAGE,
    /** Bare search terms of the query (text analysed). */
    TERMS,
    /** Every indicator value, text analysed, so free text finds values too. */
    INDICATOR_TEXT,
    AUTHOR, DATASOURCE,
    /** Analytic stories (ESCU) and tags that group rules (Sentinel), as written. */
    STORY,
    /** Events read ({@code sysmon 1}) and the activities they record ({@code process_creation}). */
    EVENT,
    /** Sigma's log source parts. */
    PRODUCT, SERVICE, CATEGORY,
    /** {@code exclude} when the rule rules something out; {@code match} when it has positive indicators. */
    POLARITY,
    /** Days since the epoch, for range filters and sorting. */
    CREATED, MODIFIED, DATE_SORT,
    /** Stored display values (original case) so result pages need no database round trip. */
    SHOW;

    public static final int VERSION = 7;

    /**
     * Text as rules write it: words, then file names and dotted names also split into their parts, the whole kept
     * too, so {@code comsvcs} finds {@code comsvcs.dll} and {@code C:\Windows\System32\comsvcs.dll}. Queries
     * analysed with it keep the token graph, so {@code comsvcs.dll} still means the whole name. Indexing uses the same
     * chain without a {@code FlattenGraphFilter}: with these flags (parts and the original, nothing concatenated) the
     * graph's positions are already flat, and flattening cost a third of the index build in buffered token states.
     * {@code IndexFieldTest} holds the positions equal to the flattened graph's, on tricky text and the shared corpus.
     */
    public static final Analyzer ANALYZER = textAnalyzer();

    static final int WORD_DELIMITER_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private static Analyzer textAnalyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer source = new StandardTokenizer();
                TokenStream stream = new WordDelimiterGraphFilter(source, WORD_DELIMITER_FLAGS, null);
                return new TokenStreamComponents(source, new LowerCaseFilter(stream));
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new LowerCaseFilter(in);
            }
        };
    }

    /** Indicator values by canonical field: {@code iv.process.command_line}, lower-cased exact values. */
    public static final String INDICATOR_PREFIX = "iv.";

    /** Facet doc values: {@code facet.platform} and so on, values as written. */
    public static final String FACET_PREFIX = "facet.";

    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String indicatorField(String canonicalField) {
        return INDICATOR_PREFIX + canonicalField.toLowerCase(Locale.ROOT);
    }

    /** Title order, then the catalog key: a total order that does not depend on how the index was written. */
    public static org.apache.lucene.search.Sort byTitle() {
        return new org.apache.lucene.search.Sort(new org.apache.lucene.search.SortField(TITLE_SORT.field(),
                org.apache.lucene.search.SortField.Type.STRING), tieBreak());
    }

    public static org.apache.lucene.search.SortField tieBreak() {
        return new org.apache.lucene.search.SortField(UID_SORT.field(), org.apache.lucene.search.SortField.Type.STRING);
    }

    public static String keyword(String value) {
        return value == null ? "" : bounded(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Lucene refuses a term or doc value over 32,766 bytes, and one such value used to fail a whole ingest. At most
     * this many characters (four UTF-8 bytes each at most) are indexed of any one value; queries are cut the same way,
     * so a search for the whole value still finds it.
     */
    static final int MAX_TERM_CHARS = 8_000;

    public static String bounded(String value) {
        if (value == null || value.length() <= MAX_TERM_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_TERM_CHARS - 1)) ? MAX_TERM_CHARS - 1 : MAX_TERM_CHARS;
        return value.substring(0, end);
    }
}
