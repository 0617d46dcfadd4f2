package io.rulescope.indicator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One name per behaviour ({@code content/events/vocabulary.yml}): the canonical events that Sysmon ids, Security ids,
 * ECS categories, Elastic index patterns, Kusto tables, ASIM parsers, CIM data models and Sigma log sources stand for,
 * so that pages comparing vendors speak of "Process creation" rather than of four names for it.
 */
public final class EventVocabulary {

    /**
     * @param id Sigma's category where Sigma has one ({@code process_creation}), else the project's own
     * @param name the name people say ({@code Process creation})
     * @param ocsf the matching OCSF class with its uid, or null
     * @param sources the concrete events that stand for it, as rule pages name them ({@code Sysmon 1})
     */
    public record CanonicalEvent(String id, String name, String ocsf, List<String> sigmaCategories, List<String> services,
            List<String> sources) {
    }

    /** What a team typically collects with one product: canonical ids or concrete events, for {@code /coverage}. */
    public record Preset(String id, String name, String description, List<String> have) {
    }

    /** How the vocabulary places one concrete event a rule reads. */
    public enum Placement {
        /** it stands for one or more canonical events */
        MAPPED,
        /** it holds many kinds of events (SecurityEvent, winlogbeat-*); the rule's ids or categories place it */
        CONTAINER,
        /** the vocabulary does not know it yet; listed on /ingest */
        UNMAPPED
    }

    public static final EventVocabulary EMPTY = new EventVocabulary(List.of(), Set.of(), List.of());

    /** Every CloudTrail event name is an AWS API call; listing thousands of API names would add nothing. */
    static final String CLOUDTRAIL_PREFIX = "AWS CloudTrail ";
    static final String AWS_API_CALL = "aws_api_call";

    private final List<CanonicalEvent> events;
    private final Map<String, List<CanonicalEvent>> bySource = new HashMap<>();
    private final Map<String, List<CanonicalEvent>> bySigmaCategory = new HashMap<>();
    private final Map<String, List<CanonicalEvent>> byService = new HashMap<>();
    private final Map<String, CanonicalEvent> byName = new HashMap<>();
    private final Set<String> containers = new java.util.HashSet<>();
    private final CanonicalEvent awsApiCall;
    private final List<Preset> presets;

    private EventVocabulary(List<CanonicalEvent> events, Set<String> containers, List<Preset> presets) {
        this.events = List.copyOf(events);
        this.presets = List.copyOf(presets);
        for (CanonicalEvent event : events) {
            event.sources().forEach(s -> bySource.computeIfAbsent(key(s), k -> new ArrayList<>()).add(event));
            event.sigmaCategories().forEach(c -> bySigmaCategory.computeIfAbsent(key(c), k -> new ArrayList<>()).add(event));
            event.services().forEach(s -> byService.computeIfAbsent(key(s), k -> new ArrayList<>()).add(event));
            byName.put(key(event.name()), event);
            byName.put(key(event.id()), event);
        }
        containers.forEach(c -> this.containers.add(key(c)));
        this.awsApiCall = byName.get(AWS_API_CALL);
    }

    /** Every canonical event, in the order the vocabulary lists them (by family). */
    public List<CanonicalEvent> events() {
        return events;
    }

    public List<Preset> presets() {
        return presets;
    }

    /** The canonical events one concrete event stands for ({@code Sysmon 13}: Registry value set); empty if none. */
    public List<CanonicalEvent> ofSource(String event) {
        List<CanonicalEvent> found = bySource.get(key(event));
        if (found != null) {
            return found;
        }
        if (awsApiCall != null && event.startsWith(CLOUDTRAIL_PREFIX)) {
            return List.of(awsApiCall);
        }
        return List.of();
    }

    /** The canonical events of a Sigma log source category ({@code registry_event}: three). */
    public List<CanonicalEvent> ofSigmaCategory(String category) {
        return category == null ? List.of() : bySigmaCategory.getOrDefault(key(category), List.of());
    }

    /** The canonical events of a Sigma log source without a category ({@code azure}, {@code signinlogs}). */
    public List<CanonicalEvent> ofService(String product, String service) {
        if (service == null) {
            return List.of();
        }
        return byService.getOrDefault(key((product == null ? "" : product) + "/" + service), List.of());
    }

    /** The canonical event with this name or id, letter case and spacing aside. */
    public Optional<CanonicalEvent> named(String nameOrId) {
        return nameOrId == null ? Optional.empty() : Optional.ofNullable(byName.get(key(nameOrId)));
    }

    public Placement placementOf(String event) {
        if (!ofSource(event).isEmpty()) {
            return Placement.MAPPED;
        }
        return containers.contains(key(event)) ? Placement.CONTAINER : Placement.UNMAPPED;
    }

    private static String key(String written) {
        return written.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    public static EventVocabulary load(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path + " on the classpath", e);
        }
    }

    static EventVocabulary parse(InputStream in) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        List<CanonicalEvent> events = new ArrayList<>();
        Set<String> containers = new LinkedHashSet<>();
        List<Preset> presets = new ArrayList<>();
        if (doc instanceof Map<?, ?> root) {
            if (root.get("events") instanceof Map<?, ?> entries) {
                entries.forEach((id, body) -> {
                    Map<?, ?> fields = body instanceof Map<?, ?> m ? m : Map.of();
                    String name = fields.get("name") == null ? String.valueOf(id) : String.valueOf(fields.get("name"));
                    events.add(new CanonicalEvent(String.valueOf(id), name, fields.get("ocsf") == null ? null : String.valueOf(fields.get("ocsf")),
                            strings(fields.get("sigma")), strings(fields.get("services")), strings(fields.get("sources"))));
                });
            }
            containers.addAll(strings(root.get("containers")));
            if (root.get("presets") instanceof Map<?, ?> entries) {
                entries.forEach((id, body) -> {
                    Map<?, ?> fields = body instanceof Map<?, ?> m ? m : Map.of();
                    presets.add(new Preset(String.valueOf(id), String.valueOf(fields.get("name")), String.valueOf(fields.get("description")),
                            strings(fields.get("have"))));
                });
            }
        }
        return new EventVocabulary(events, containers, presets);
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).map(String::strip).toList();
    }
}
