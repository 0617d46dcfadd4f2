package io.rulescope.rule;

import java.time.LocalDate;
import java.util.List;

/**
 * One detection rule as the catalog shows it. {@code uid} is the catalog's own key, derived from where the rule
 * lives (source, path, document), while {@code ruleId} is the id the rule gives itself and the one permalinks use.
 */
public class Rule {

    private String uid;

    private String ruleId;

    private boolean derivedId;

    /** A second name rules can be referred to by (Sigma's {@code name}, which correlation rules use). */
    private String alias;

    private String title;

    private RuleFormat format;

    private String platform;
    private String language;
    private String sourceName;
    private String sourcePath;
    private String sourceUrl;
    private int docIndex;

    private String status;
    private String severity;
    private String author;
    private LocalDate created;
    private LocalDate modified;
    private String ruleType;

    private String description;
    private String howToImplement;
    private String knownFalsePositives;
    private String query;
    /** The text of the file the rule came from, deflated ({@link DeflatedText}); read through {@link #getRaw()}. */
    private volatile byte[] rawDeflated;
    /**
     * The file text until {@link #compactRaw()} deflates it. Deflating every file cost half a CPU-second of ingest
     * before the catalog could serve, so ingest publishes first and deflates after.
     * Written after {@link #rawDeflated} and read before it, so a reader sees one or the other.
     */
    private volatile String rawPending;

    private List<String> references = List.of();
    private List<String> techniqueIds = List.of();
    private List<String> tacticHints = List.of();
    private List<String> groupBy = List.of();
    private List<String> dataSources = List.of();
    private List<String> stories = List.of();
    private List<String> relatedRules = List.of();

    private String logsourceProduct;
    private String logsourceCategory;
    private String logsourceService;
    private String timespan;
    private String correlationCondition;
    /** When a scheduled rule runs and over what, and when it alerts (Sentinel, Elastic), in words. */
    private String schedule;
    /** Elastic's investigation guide ({@code note}), Markdown. */
    private String investigationGuide;

    private transient volatile boolean frozen;

    /** The Sigma detection (or filter) block as parsed at ingest, so analysis need not parse the YAML again. */
    private transient java.util.Map<String, Object> detection;

    public Rule(String uid, String ruleId, boolean derivedId, String title, RuleFormat format) {
        this.uid = uid;
        this.ruleId = ruleId;
        this.derivedId = derivedId;
        this.title = title;
        this.format = format;
        this.platform = format.platform();
        this.language = format.language();
    }

    /**
     * Called when the rule joins a catalog ({@link RuleSet#of}): from then on many threads read it, so nothing may
     * change it. Not saved with the rule: a restored catalog freezes its rules again.
     */
    public void freeze() {
        frozen = true;
    }

    private void changing() {
        if (frozen) {
            throw new IllegalStateException("rule " + uid + " is in a catalog and can no longer change");
        }
    }

    /** The URL-safe form of the title used in {@code /rules/{id}/{slug}}. */
    public String getSlug() {
        return Slugs.of(title);
    }

    /** The status for counting and filtering: rules that state none are grouped as {@code unknown}. */
    public String getStatusOrUnknown() {
        return status == null ? "unknown" : status;
    }

    public String getPermalink() {
        return Permalinks.of(ruleId);
    }

    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { changing(); this.schedule = schedule; }
    public String getInvestigationGuide() { return investigationGuide; }
    public void setInvestigationGuide(String guide) { changing(); this.investigationGuide = guide; }
    public String getUid() { return uid; }
    public String getAlias() { return alias; }
    public void setAlias(String alias) { changing(); this.alias = alias; }
    public String getRuleId() { return ruleId; }
    public boolean isDerivedId() { return derivedId; }
    public String getTitle() { return title; }
    public RuleFormat getFormat() { return format; }
    public String getPlatform() { return platform; }
    public String getLanguage() { return language; }
    public String getSourceName() { return sourceName; }
    public String getSourcePath() { return sourcePath; }
    public String getSourceUrl() { return sourceUrl; }
    public int getDocIndex() { return docIndex; }
    public String getStatus() { return status; }
    public String getSeverity() { return severity; }
    public String getAuthor() { return author; }
    public LocalDate getCreated() { return created; }
    public LocalDate getModified() { return modified; }
    public String getRuleType() { return ruleType; }
    public String getDescription() { return description; }
    public String getHowToImplement() { return howToImplement; }
    public String getKnownFalsePositives() { return knownFalsePositives; }
    public String getQuery() { return query; }
    public String getRaw() {
        String pending = rawPending;
        if (pending != null) {
            return pending;
        }
        byte[] deflated = rawDeflated;
        return deflated == null ? null : DeflatedText.inflate(deflated);
    }

    /** Whether this rule came from the same file text as another, without inflating either once both are deflated. */
    public boolean sameRaw(Rule other) {
        if (rawPending == null && other.rawPending == null) {
            return java.util.Arrays.equals(rawDeflated, other.rawDeflated);
        }
        return java.util.Objects.equals(getRaw(), other.getRaw());
    }

    /** Deflates the file text if it is still held as read. */
    public void compactRaw() {
        String pending = rawPending;
        if (pending != null) {
            rawDeflated = DeflatedText.deflate(pending);
            rawPending = null;
        }
    }
    public List<String> getReferences() { return references; }
    public List<String> getTechniqueIds() { return techniqueIds; }
    public List<String> getTacticHints() { return tacticHints; }
    public List<String> getGroupBy() { return groupBy; }
    public List<String> getDataSources() { return dataSources; }
    public List<String> getStories() { return stories; }
    public List<String> getRelatedRules() { return relatedRules; }
    public String getLogsourceProduct() { return logsourceProduct; }
    public String getLogsourceCategory() { return logsourceCategory; }
    public String getLogsourceService() { return logsourceService; }
    public String getTimespan() { return timespan; }
    public String getCorrelationCondition() { return correlationCondition; }

    public void setTitle(String title) { changing(); this.title = title; }
    public void setPlatform(String platform) { changing(); this.platform = platform; }
    public void setLanguage(String language) { changing(); this.language = language; }
    public void setStatus(String status) { changing(); this.status = status; }
    public void setSeverity(String severity) { changing(); this.severity = severity; }
    public void setAuthor(String author) { changing(); this.author = author; }
    public void setCreated(LocalDate created) { changing(); this.created = created; }
    public void setModified(LocalDate modified) { changing(); this.modified = modified; }
    public void setRuleType(String ruleType) { changing(); this.ruleType = ruleType; }
    public void setDescription(String description) { changing(); this.description = description; }
    public void setHowToImplement(String howToImplement) { changing(); this.howToImplement = howToImplement; }
    public void setKnownFalsePositives(String knownFalsePositives) { changing(); this.knownFalsePositives = knownFalsePositives; }
    public void setQuery(String query) { changing(); this.query = query; }
    public void setRaw(String raw) {
        changing();
        this.rawDeflated = null;
        this.rawPending = raw;
    }
    public void setReferences(List<String> references) { changing(); this.references = oneLineEach(references); }
    public void setTechniqueIds(List<String> techniqueIds) { changing(); this.techniqueIds = oneLineEach(techniqueIds); }
    public void setTacticHints(List<String> tacticHints) { changing(); this.tacticHints = oneLineEach(tacticHints); }
    public void setGroupBy(List<String> groupBy) { changing(); this.groupBy = oneLineEach(groupBy); }
    public void setDataSources(List<String> dataSources) { changing(); this.dataSources = oneLineEach(dataSources); }
    public void setStories(List<String> stories) { changing(); this.stories = oneLineEach(stories); }
    public void setRelatedRules(List<String> relatedRules) { changing(); this.relatedRules = oneLineEach(relatedRules); }
    public void setTimespan(String timespan) { changing(); this.timespan = timespan; }
    public java.util.Map<String, Object> getDetection() { return detection; }
    public void setDetection(java.util.Map<String, Object> detection) { changing(); this.detection = detection; }
    public void setCorrelationCondition(String condition) { changing(); this.correlationCondition = condition; }

    public void setSource(String name, String path, String url, int docIndex) {
        changing();
        this.sourceName = name;
        this.sourcePath = path;
        this.sourceUrl = url;
        this.docIndex = docIndex;
    }

    public void setLogsource(String product, String category, String service) {
        changing();
        this.logsourceProduct = product;
        this.logsourceCategory = category;
        this.logsourceService = service;
    }

    private static List<String> oneLineEach(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(v -> v != null && !v.isBlank()).map(v -> v.strip().replaceAll("\\s*\\R\\s*", " "))
                .distinct().toList();
    }
}
