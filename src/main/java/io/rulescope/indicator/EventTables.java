package io.rulescope.indicator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;

/**
 * Fact tables from {@code content/events/}: titles of Windows event IDs per provider, the events each Sigma
 * log source category stands for, Windows channels, the Kusto tables rules read, and the vocabulary of canonical
 * events all of them fold into.
 */
public record EventTables(Map<String, String> titles, Map<String, List<EventRef>> sigmaCategories, Map<String, Channel> channels,
        Map<String, QueryTable> queryTables, EventVocabulary vocabulary) {

    public EventTables(Map<String, String> titles, Map<String, List<EventRef>> sigmaCategories) {
        this(titles, sigmaCategories, Map.of(), Map.of(), EventVocabulary.EMPTY);
    }

    public EventTables(Map<String, String> titles, Map<String, List<EventRef>> sigmaCategories, Map<String, Channel> channels) {
        this(titles, sigmaCategories, channels, Map.of(), EventVocabulary.EMPTY);
    }

    /** How ECS event categories ({@code event.category:process}) are named among the query tables. */
    public static final String ECS_CATEGORY_PREFIX = "event.category:";

    /** A table or normalising function a Kusto query reads: what it holds, and the Sigma category it stands for. */
    public record QueryTable(String name, String title, String category) {
    }

    /** The table with this name, compared without letter case, or null. */
    public QueryTable queryTable(String name) {
        return name == null ? null : queryTables.get(name.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public record EventRef(String provider, String event) {
    }

    /** A Windows event log channel: the Sigma service that reads it and the provider name the other tables use. */
    public record Channel(String name, String service, String provider) {
    }

    /** The channel with this name, compared without letter case, or null. */
    public Channel channel(String name) {
        return name == null ? null : channels.get(name.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The Sigma categories an event of this provider and id stands for ({@code Sysmon 13}: registry_set, registry_event). */
    public List<String> categoriesOf(String provider, String event) {
        List<String> out = new ArrayList<>();
        sigmaCategories.forEach((category, refs) -> {
            if (refs.contains(new EventRef(provider, event))) {
                out.add(category);
            }
        });
        out.sort(null);
        return out;
    }

    public String title(String provider, String event) {
        return titles.get(provider + "\u0000" + event);
    }

    public static EventTables load() {
        Map<String, String> titles = new HashMap<>();
        for (String[] row : rows("content/events/windows-events.tsv", 3)) {
            titles.put(row[0] + "\u0000" + row[1], row[2]);
        }
        Map<String, List<EventRef>> categories = new HashMap<>();
        for (String[] row : rows("content/events/sigma-categories.tsv", 3)) {
            categories.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new EventRef(row[1], row[2]));
        }
        Map<String, Channel> channels = new HashMap<>();
        for (String[] row : rows("content/events/windows-channels.tsv", 3)) {
            channels.put(row[0].toLowerCase(java.util.Locale.ROOT), new Channel(row[0], row[1], row[2]));
        }
        Map<String, QueryTable> queryTables = new HashMap<>();
        for (String[] row : rows("content/events/kql-tables.tsv", 3)) {
            queryTables.put(row[0].toLowerCase(java.util.Locale.ROOT), new QueryTable(row[0], row[1], row[2].isBlank() ? null : row[2]));
        }
        for (String[] row : rows("content/events/ecs-categories.tsv", 3)) {
            String key = ECS_CATEGORY_PREFIX + row[0];
            queryTables.put(key, new QueryTable(key, row[1], row[2].isBlank() ? null : row[2]));
        }
        return new EventTables(Map.copyOf(titles), Map.copyOf(categories), Map.copyOf(channels), Map.copyOf(queryTables),
                EventVocabulary.load("content/events/vocabulary.yml"));
    }

    private static List<String[]> rows(String path, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] row = line.split("\t", -1);
                if (row.length == columns) {
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path + " on the classpath", e);
        }
        return rows;
    }
}
