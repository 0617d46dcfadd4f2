package io.rulescope.web.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.rulescope.indicator.EventVocabulary;
import io.rulescope.indicator.EventVocabulary.CanonicalEvent;

/**
 * What a user ticked on {@code /coverage}, read through the event vocabulary: {@code Sysmon 1} and
 * {@code Security 4688} are both "Process creation", so having either means having it, whatever a rule's platform
 * calls it. Concrete events the vocabulary does not place stay themselves.
 *
 * @param canonical the canonical events the user has, in the vocabulary's order
 * @param concrete what was ticked that no canonical event stands for (containers, unmapped events)
 * @param via for each canonical event, the ticked names that gave it ({@code Sysmon 1})
 */
record EventChoice(List<CanonicalEvent> canonical, List<String> concrete, Map<String, List<String>> via) {

    static EventChoice of(Set<String> chosen, EventVocabulary vocabulary) {
        Set<CanonicalEvent> canonical = new LinkedHashSet<>();
        List<String> concrete = new ArrayList<>();
        Map<String, List<String>> via = new LinkedHashMap<>();
        for (String name : chosen) {
            List<CanonicalEvent> named = vocabulary.named(name).map(List::of).orElseGet(() -> vocabulary.ofSource(name));
            if (named.isEmpty()) {
                concrete.add(name);
            }
            for (CanonicalEvent event : named) {
                canonical.add(event);
                if (!name.equalsIgnoreCase(event.name()) && !name.equalsIgnoreCase(event.id())) {
                    via.computeIfAbsent(event.id(), k -> new ArrayList<>()).add(name);
                }
            }
        }
        List<CanonicalEvent> ordered = vocabulary.events().stream().filter(canonical::contains).toList();
        return new EventChoice(ordered, List.copyOf(concrete), via);
    }

    public boolean isEmpty() {
        return canonical.isEmpty() && concrete.isEmpty();
    }

    public boolean has(CanonicalEvent event) {
        return canonical.contains(event);
    }

    public boolean hasConcrete(String event) {
        String key = event.toLowerCase(Locale.ROOT);
        return concrete.stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).equals(key));
    }

    /** The search for the rules that can run: any event the user has, by its canonical name or as ticked. */
    public String runnableQuery() {
        return java.util.stream.Stream.concat(canonical.stream().map(CanonicalEvent::name), concrete.stream())
                .map(name -> "event:\"" + name.replace("\"", "") + "\"").collect(Collectors.joining(" OR "));
    }
}
