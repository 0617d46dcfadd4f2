package io.rulescope.search;

import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * Every field of the rule index, in one place with the analyzer they share. Keyword fields hold lower-cased exact
 * values; {@link #VERSION} changes whenever a field or its analysis changes, so an old index is never reused.
 */
public enum IndexField {
    UID, RULE_ID, TITLE, TITLE_SORT, TEXT, PLATFORM, SOURCE, STATUS, SEVERITY, TACTIC, TECHNIQUE, LANGUAGE,
    /** Stored display values (original case) so list pages need no database round trip. */
    SHOW;

    public static final int VERSION = 1;

    public static final Analyzer ANALYZER = new StandardAnalyzer();

    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String keyword(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
