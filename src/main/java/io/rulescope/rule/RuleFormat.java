package io.rulescope.rule;

/** The layouts Rulescope reads, each recognised from a file's content rather than its folder. */
public enum RuleFormat {
    /** Splunk security_content detection, the 2024 layout (ATT&CK, stories and product under {@code tags:}). */
    ESCU_2024("Splunk", "spl", "Splunk security_content"),
    /** Splunk security_content detection, the 2026 layout (top-level {@code mitre_attack_id}, {@code finding}). */
    ESCU_2026("Splunk", "spl", "Splunk security_content"),
    /** The generic layout: {@code logic_format} names the language of {@code logic}. */
    LOGIC("", "", "Generic logic_format"),
    SIGMA("Sigma", "sigma", "Sigma rule"),
    SIGMA_CORRELATION("Sigma", "sigma", "Sigma correlation"),
    SIGMA_FILTER("Sigma", "sigma", "Sigma filter"),
    /** A Microsoft Sentinel analytic rule: YAML with a Kusto {@code query}, in the repository or the portal's export layout. */
    SENTINEL("Microsoft Sentinel", "kql", "Microsoft Sentinel analytic rule"),
    /** An Elastic detection rule: TOML whose {@code language} is kuery, eql, esql or lucene. */
    ELASTIC("Elastic", "", "Elastic detection rule");

    private final String platform;
    private final String language;
    private final String label;

    RuleFormat(String platform, String language, String label) {
        this.platform = platform;
        this.language = language;
        this.label = label;
    }

    /** The platform for the breadcrumb; empty where the rule itself names it ({@link #LOGIC}). */
    public String platform() {
        return platform;
    }

    public String language() {
        return language;
    }

    public String label() {
        return label;
    }

    /** A Sigma rule about other rules (a correlation or a filter) rather than about events. */
    public boolean isSigmaMetaRule() {
        return this == SIGMA_CORRELATION || this == SIGMA_FILTER;
    }

    public boolean isSigmaFilter() {
        return this == SIGMA_FILTER;
    }

    public boolean isSigma() {
        return this == SIGMA || this == SIGMA_CORRELATION || this == SIGMA_FILTER;
    }
}
