package io.rulescope.rule;

import java.time.LocalDate;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One detection rule as the catalog shows it. {@code uid} is the catalog's own key, derived from where the rule
 * lives (source, path, document), while {@code ruleId} is the id the rule gives itself and the one permalinks use.
 */
@Entity
@Table(name = "rule", indexes = { @Index(name = "rule_rule_id", columnList = "ruleId"), @Index(name = "rule_alias", columnList = "alias"),
        @Index(name = "rule_source_path", columnList = "sourceName,sourcePath") })
public class Rule implements Persistable<String> {

    @Id
    @Column(length = 16)
    private String uid;

    @Column(nullable = false, length = 512)
    private String ruleId;

    private boolean derivedId;

    /** A second name rules can be referred to by (Sigma's {@code name}, which correlation rules use). */
    @Column(length = 512)
    private String alias;

    @Column(nullable = false, length = 1024)
    private String title;

    @Convert(converter = RuleFormatConverter.class)
    @Column(nullable = false, length = 32)
    private RuleFormat format;

    private String platform;
    private String language;
    private String sourceName;
    @Column(length = 2048)
    private String sourcePath;
    @Column(length = 4096)
    private String sourceUrl;
    private int docIndex;

    private String status;
    private String severity;
    @Column(length = 2048)
    private String author;
    private LocalDate created;
    private LocalDate modified;
    private String ruleType;

    @Lob
    private String description;
    @Lob
    private String howToImplement;
    @Lob
    private String knownFalsePositives;
    @Lob
    private String query;
    /** The text of the file the rule came from, deflated ({@link DeflatedText}); read through {@link #getRaw()}. */
    @Lob
    @Column(name = "raw")
    private volatile byte[] rawDeflated;
    /**
     * The file text until {@link #compactRaw()} deflates it. Deflating every file cost half a CPU-second of ingest
     * before the catalog could serve, so ingest publishes first and deflates after; writing the row deflates it too.
     * Written after {@link #rawDeflated} and read before it, so a reader sees one or the other.
     */
    @jakarta.persistence.Transient
    private volatile String rawPending;

    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> references = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> techniqueIds = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> tacticHints = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> groupBy = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> dataSources = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> stories = List.of();
    @Lob
    @Convert(converter = StringListConverter.class)
    private List<String> relatedRules = List.of();

    private String logsourceProduct;
    private String logsourceCategory;
    private String logsourceService;
    private String timespan;
    @Column(length = 4096)
    private String correlationCondition;
    /** When a scheduled rule runs and over what, and when it alerts (Sentinel, Elastic), in words. */
    @Column(length = 1024)
    private String schedule;
    /** Elastic's investigation guide ({@code note}), Markdown. */
    @Lob
    private String investigationGuide;

    @Transient
    private boolean fresh = true;

    /** The Sigma detection (or filter) block as parsed at ingest, so analysis need not parse the YAML again. */
    @Transient
    private transient java.util.Map<String, Object> detection;

    protected Rule() {
    }

    public Rule(String uid, String ruleId, boolean derivedId, String title, RuleFormat format) {
        this.uid = uid;
        this.ruleId = ruleId;
        this.derivedId = derivedId;
        this.title = title;
        this.format = format;
        this.platform = format.platform();
        this.language = format.language();
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }

    @Override
    public String getId() {
        return uid;
    }

    /** Rules are written once per ingest and never updated, so saving never needs to look for an existing row. */
    @Override
    public boolean isNew() {
        return fresh;
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
    public void setSchedule(String schedule) { this.schedule = schedule; }
    public String getInvestigationGuide() { return investigationGuide; }
    public void setInvestigationGuide(String guide) { this.investigationGuide = guide; }
    public String getUid() { return uid; }
    public String getAlias() { return alias; }
    public void setAlias(String alias) { this.alias = alias; }
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

    /** Deflates the file text if it is still held as read; the row written for this rule always holds it deflated. */
    @jakarta.persistence.PrePersist
    @jakarta.persistence.PreUpdate
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

    public void setTitle(String title) { this.title = title; }
    public void setPlatform(String platform) { this.platform = platform; }
    public void setLanguage(String language) { this.language = language; }
    public void setStatus(String status) { this.status = status; }
    public void setSeverity(String severity) { this.severity = severity; }
    public void setAuthor(String author) { this.author = author; }
    public void setCreated(LocalDate created) { this.created = created; }
    public void setModified(LocalDate modified) { this.modified = modified; }
    public void setRuleType(String ruleType) { this.ruleType = ruleType; }
    public void setDescription(String description) { this.description = description; }
    public void setHowToImplement(String howToImplement) { this.howToImplement = howToImplement; }
    public void setKnownFalsePositives(String knownFalsePositives) { this.knownFalsePositives = knownFalsePositives; }
    public void setQuery(String query) { this.query = query; }
    public void setRaw(String raw) {
        this.rawDeflated = null;
        this.rawPending = raw;
    }
    public void setReferences(List<String> references) { this.references = oneLineEach(references); }
    public void setTechniqueIds(List<String> techniqueIds) { this.techniqueIds = oneLineEach(techniqueIds); }
    public void setTacticHints(List<String> tacticHints) { this.tacticHints = oneLineEach(tacticHints); }
    public void setGroupBy(List<String> groupBy) { this.groupBy = oneLineEach(groupBy); }
    public void setDataSources(List<String> dataSources) { this.dataSources = oneLineEach(dataSources); }
    public void setStories(List<String> stories) { this.stories = oneLineEach(stories); }
    public void setRelatedRules(List<String> relatedRules) { this.relatedRules = oneLineEach(relatedRules); }
    public void setTimespan(String timespan) { this.timespan = timespan; }
    public java.util.Map<String, Object> getDetection() { return detection; }
    public void setDetection(java.util.Map<String, Object> detection) { this.detection = detection; }
    public void setCorrelationCondition(String condition) { this.correlationCondition = condition; }

    public void setSource(String name, String path, String url, int docIndex) {
        this.sourceName = name;
        this.sourcePath = path;
        this.sourceUrl = url;
        this.docIndex = docIndex;
    }

    public void setLogsource(String product, String category, String service) {
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
