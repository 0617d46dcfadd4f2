package io.rulescope.dialect.elastic;

/** The query languages of Elastic's detection rules, by the name their {@code language} key gives. */
public enum ElasticLanguage {
    /** Event Query Language: {@code process where ...}, {@code sequence by ... [..] [..]}. */
    EQL,
    /** ES|QL: {@code FROM index | WHERE ... | STATS ... BY ...}. */
    ESQL,
    /** Kibana Query Language ({@code kuery}): {@code field : value and not field : (a or b)}. */
    KUERY,
    /** Lucene query syntax: {@code field:value AND NOT _exists_:other}. */
    LUCENE;

    /** The dialect of a rule's {@code language}, or null for one Rulescope does not read. */
    public static ElasticLanguage of(String language) {
        if (language == null) {
            return null;
        }
        return switch (language.toLowerCase(java.util.Locale.ROOT)) {
            case "eql" -> EQL;
            case "esql" -> ESQL;
            case "kuery" -> KUERY;
            case "lucene" -> LUCENE;
            default -> null;
        };
    }

    boolean hasComments() {
        return this == EQL || this == ESQL;
    }

    /** KQL and Lucene write values unquoted, with wildcards and backslash escapes inside words. */
    boolean bareValues() {
        return this == KUERY || this == LUCENE;
    }
}
