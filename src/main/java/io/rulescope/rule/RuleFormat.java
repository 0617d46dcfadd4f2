package io.rulescope.rule;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One layout of rule file Rulescope reads, recognised from a file's content rather than its folder. Each dialect
 * declares its own; only the generic {@link #LOGIC} layout, which belongs to no language, is declared here. A format
 * is known by its name: pages, the API and saved catalogs use the name, and there is one instance per name.
 */
public final class RuleFormat {

    private static final Map<String, RuleFormat> DECLARED = new ConcurrentHashMap<>();

    /** The generic layout: {@code logic_format} names the language of {@code logic}. */
    public static final RuleFormat LOGIC = declare("LOGIC", "", "", "Generic logic_format").build();

    private final String name;
    private final String platform;
    private final String language;
    private final String label;
    private final String titleField;
    private final boolean queryIndexedAsText;
    private final boolean scopedByLogsource;
    private final boolean falsePositivesInMarkdown;
    private final String storiesLabel;
    private final String ruleOfRulesHeading;

    private RuleFormat(Builder b) {
        this.name = b.name;
        this.platform = b.platform;
        this.language = b.language;
        this.label = b.label;
        this.titleField = b.titleField;
        this.queryIndexedAsText = b.queryIndexedAsText;
        this.scopedByLogsource = b.scopedByLogsource;
        this.falsePositivesInMarkdown = b.falsePositivesInMarkdown;
        this.storiesLabel = b.storiesLabel;
        this.ruleOfRulesHeading = b.ruleOfRulesHeading;
    }

    /**
     * Starts declaring a format.
     *
     * @param name     the stable name saved catalogs and the API use ({@code SIGMA})
     * @param platform the platform for the breadcrumb; empty where the rule itself names it
     * @param language the language code the catalog stores ({@code sigma}); empty where the rule names it
     * @param label    how problems name the layout ("Sigma rule")
     */
    public static Builder declare(String name, String platform, String language, String label) {
        return new Builder(name, platform, language, label);
    }

    /** The format declared with this name, if its dialect has been loaded. */
    public static Optional<RuleFormat> named(String name) {
        return Optional.ofNullable(DECLARED.get(name));
    }

    public String name() {
        return name;
    }

    public String platform() {
        return platform;
    }

    public String language() {
        return language;
    }

    public String label() {
        return label;
    }

    /** Where the layout keeps a rule's title, as the message for a rule without one names it. */
    public String titleField() {
        return titleField;
    }

    /** Whether the rule's query is prose for full-text search; a Sigma rule's query is its file, indexed by value. */
    public boolean queryIndexedAsText() {
        return queryIndexedAsText;
    }

    /** Whether the rule names the events it reads by a log source (product, category, service) the matcher checks. */
    public boolean scopedByLogsource() {
        return scopedByLogsource;
    }

    /** Whether the layout writes each false positive as a Markdown paragraph rather than a plain line. */
    public boolean falsePositivesInMarkdown() {
        return falsePositivesInMarkdown;
    }

    /** What the rule page calls the rule's stories ("Analytic stories" in security_content, "Tags" elsewhere). */
    public String storiesLabel() {
        return storiesLabel;
    }

    /**
     * For a rule about other rules' matches rather than events (a Sigma correlation or filter), the heading of the
     * page section that lists those rules; null for a rule about events.
     */
    public String ruleOfRulesHeading() {
        return ruleOfRulesHeading;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The optional parts of a declaration; {@link #build()} registers the format under its name. */
    public static final class Builder {
        private final String name;
        private final String platform;
        private final String language;
        private final String label;
        private String titleField = "title";
        private boolean queryIndexedAsText = true;
        private boolean scopedByLogsource;
        private boolean falsePositivesInMarkdown;
        private String storiesLabel = "Tags";
        private String ruleOfRulesHeading;

        private Builder(String name, String platform, String language, String label) {
            this.name = name;
            this.platform = platform;
            this.language = language;
            this.label = label;
        }

        public Builder titleField(String field) {
            this.titleField = field;
            return this;
        }

        public Builder queryNotIndexedAsText() {
            this.queryIndexedAsText = false;
            return this;
        }

        public Builder scopedByLogsource() {
            this.scopedByLogsource = true;
            return this;
        }

        public Builder falsePositivesInMarkdown() {
            this.falsePositivesInMarkdown = true;
            return this;
        }

        public Builder storiesLabel(String label) {
            this.storiesLabel = label;
            return this;
        }

        public Builder ruleOfRules(String heading) {
            this.ruleOfRulesHeading = heading;
            return this;
        }

        /**
         * @throws IllegalStateException if another format was declared with this name
         */
        public RuleFormat build() {
            RuleFormat format = new RuleFormat(this);
            RuleFormat earlier = DECLARED.putIfAbsent(name, format);
            if (earlier != null) {
                throw new IllegalStateException("two rule formats are named " + name);
            }
            return format;
        }
    }
}
