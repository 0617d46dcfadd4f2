package io.rulescope.indicator;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rulescope.query.Indicator;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.rule.Rule;

/**
 * Which log events a rule reads, as Provider | Event | Title rows: Windows event IDs in its predicates (with the
 * provider told by its macros or log source), Sigma log source categories, CloudTrail event names and ESCU
 * data source names.
 */
final class EventCoverage {

    private static final Pattern SYSMON_SOURCE = Pattern.compile("^Sysmon (?:Event ?ID|EventCode) (\\d+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WINDOWS_SOURCE = Pattern.compile("^Windows Event Log (Security|System) (\\d+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOUDTRAIL_SOURCE = Pattern.compile("^AWS CloudTrail (\\w+)$");

    /** The provider of the rows that name a table a query reads. */
    static final String TABLE_PROVIDER = "Sentinel table";
    /** The provider of the rows that name an index pattern an Elastic query reads ({@code FROM logs-windows.*}). */
    static final String INDEX_PROVIDER = "Elastic index";
    /** The provider of the rows that name a Splunk CIM data model a search reads ({@code Endpoint.Processes}). */
    static final String DATA_MODEL_PROVIDER = "CIM data model";
    /** The provider of the rows that name an ECS event category an Elastic query tests. */
    static final String ECS_PROVIDER = "Elastic (ECS)";

    private final EventTables tables;

    EventCoverage(EventTables tables) {
        this.tables = tables;
    }

    List<RuleAnatomy.EventRow> of(Rule rule, QueryAnalysis analysis) {
        Set<RuleAnatomy.EventRow> rows = new LinkedHashSet<>();
        String provider = windowsProvider(rule);
        for (Indicator i : analysis.indicators()) {
            if (i.polarity() != Polarity.MATCH || i.kind() != Kind.EQ || i.value() == null) {
                continue;
            }
            if (i.canonicalField().equals("event.code") && i.value().matches("\\d{1,5}")) {
                rows.add(windows(provider, i.value()));
            } else if (i.canonicalField().equals("event.category")) {
                EventTables.QueryTable category = tables.queryTable(EventTables.ECS_CATEGORY_PREFIX + i.value().toLowerCase(Locale.ROOT));
                rows.add(new RuleAnatomy.EventRow(ECS_PROVIDER, EventTables.ECS_CATEGORY_PREFIX + i.value().toLowerCase(Locale.ROOT),
                        category == null ? "" : category.title()));
            } else if ((i.field().equalsIgnoreCase("eventName") || i.field().equals("event.action")) && isCloudTrail(rule, analysis)) {
                rows.add(new RuleAnatomy.EventRow("AWS CloudTrail", i.value(), "API call"));
            }
        }
        boolean elastic = "Elastic".equals(rule.getPlatform());
        boolean splunk = "Splunk".equals(rule.getPlatform());
        for (String source : analysis.sources()) {
            if (elastic || splunk) {
                rows.add(new RuleAnatomy.EventRow(elastic ? INDEX_PROVIDER : DATA_MODEL_PROVIDER, source, ""));
                continue;
            }
            EventTables.QueryTable table = tables.queryTable(source);
            boolean asim = source.startsWith("_Im_") || source.startsWith("_ASim_") || source.matches("(im|ASim)[A-Z].*");
            rows.add(new RuleAnatomy.EventRow(asim ? "ASIM parser" : TABLE_PROVIDER, table != null ? table.name() : source,
                    table != null ? table.title() : ""));
        }
        String category = rule.getLogsourceCategory();
        if (category != null) {
            for (EventTables.EventRef ref : tables.sigmaCategories().getOrDefault(category.toLowerCase(Locale.ROOT), List.of())) {
                rows.add(new RuleAnatomy.EventRow(ref.provider(), "Event ID " + ref.event(), tables.title(ref.provider(), ref.event())));
            }
        }
        for (String source : rule.getDataSources()) {
            RuleAnatomy.EventRow row = fromDataSource(source);
            if (row != null) {
                rows.add(row);
            }
        }
        EventVocabulary vocabulary = tables.vocabulary();
        return rows.stream().map(row -> row.withBehaviours(vocabulary.ofSource(row.key()).stream().map(EventVocabulary.CanonicalEvent::name)
                .toList())).toList();
    }

    /** The canonical events of a rule, from its event rows and its Sigma log source, in the vocabulary's order. */
    List<EventVocabulary.CanonicalEvent> behaviours(Rule rule, List<RuleAnatomy.EventRow> rows) {
        return Telemetry.canonicalEvents(rule, rows.stream().map(RuleAnatomy.EventRow::key).collect(java.util.stream.Collectors.toSet()),
                tables.vocabulary());
    }

    private RuleAnatomy.EventRow windows(String provider, String id) {
        String p = provider;
        boolean knownElsewhere = tables.title("Security", id) != null || tables.title("Sysmon", id) != null
                || tables.title("System", id) != null;
        if (p != null && tables.title(p, id) == null && knownElsewhere) {
            // A hint from a query that reads several logs: an id the hinted log does not have is another log's.
            p = null;
        }
        if (p == null) {
            // No hint: choose the provider whose table knows the id, Security first as the more common one. PowerShell's
            // few ids come last: a query that tests 4104 with no log named is reading script blocks.
            p = tables.title("Security", id) != null ? "Security" : tables.title("Sysmon", id) != null ? "Sysmon"
                    : tables.title("System", id) != null ? "System" : tables.title("PowerShell", id) != null ? "PowerShell" : "Windows";
        }
        String title = tables.title(p, id);
        return new RuleAnatomy.EventRow(p, "Event ID " + id, title == null ? "" : title);
    }

    /** The Windows log a rule reads, from its Sigma log source or the macros and sources its SPL names. */
    private static String windowsProvider(Rule rule) {
        String service = rule.getLogsourceService();
        if (service != null) {
            return switch (service.toLowerCase(Locale.ROOT)) {
                case "security" -> "Security";
                case "system" -> "System";
                case "sysmon" -> "Sysmon";
                case "windefend" -> "Microsoft Defender";
                case "powershell", "powershell-classic" -> "PowerShell";
                default -> null;
            };
        }
        String query = rule.getQuery() == null ? "" : rule.getQuery().toLowerCase(Locale.ROOT);
        String sources = String.join(" ", rule.getDataSources()).toLowerCase(Locale.ROOT);
        if (query.contains("sysmon") || sources.contains("sysmon")) {
            return "Sysmon";
        }
        if (query.contains("wineventlog_security") || sources.contains("security")) {
            return "Security";
        }
        if (query.contains("wineventlog_system") || sources.contains("system")) {
            return "System";
        }
        return null;
    }

    private static boolean isCloudTrail(Rule rule, QueryAnalysis analysis) {
        if ("cloudtrail".equalsIgnoreCase(rule.getLogsourceService()) || analysis.sources().contains("AWSCloudTrail")) {
            return true;
        }
        boolean sourcetype = analysis.indicators().stream().anyMatch(i -> (i.field().equalsIgnoreCase("sourcetype")
                && i.value() != null && i.value().toLowerCase(Locale.ROOT).startsWith("aws:cloudtrail"))
                || i.field().equals("event.dataset") && "aws.cloudtrail".equalsIgnoreCase(i.value()));
        return sourcetype || rule.getDataSources().stream().anyMatch(s -> s.startsWith("AWS CloudTrail"));
    }

    private RuleAnatomy.EventRow fromDataSource(String source) {
        Matcher m = SYSMON_SOURCE.matcher(source.strip());
        if (m.matches()) {
            return windows("Sysmon", m.group(1));
        }
        m = WINDOWS_SOURCE.matcher(source.strip());
        if (m.matches()) {
            return windows(m.group(1).substring(0, 1).toUpperCase(Locale.ROOT) + m.group(1).substring(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        m = CLOUDTRAIL_SOURCE.matcher(source.strip());
        if (m.matches() && !m.group(1).equals("CloudTrail")) {
            return new RuleAnatomy.EventRow("AWS CloudTrail", m.group(1), "API call");
        }
        return null;
    }
}
