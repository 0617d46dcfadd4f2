package io.rulescope.indicator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.rulescope.rule.Rule;

/**
 * "The same detection elsewhere": for a rule, the rules of the other platforms that detect the same behaviour. Each
 * rule is a set of terms: what it detects (positive values on comparable fields), the canonical events it reads and
 * its techniques with their parents, each weighted by rarity. Two rules are counterparts when they share enough of
 * what they detect, and rank by the cosine of their weighted terms. What a rule excludes and the boilerplate every
 * rule of a platform carries count for nothing, so shared exclusions (WerFault.exe) and
 * {@code host.os.type : "windows"} never make two rules alike.
 */
public final class Counterparts {

    /** A term more than this share of all rules carry says nothing about which behaviour a rule detects. */
    static final double MAX_TERM_SHARE = 0.04;
    /**
     * How much two rules must share, in summed rarity, to be counterparts: about one rare value, or a rare event and
     * its technique; a common image name alone is not enough.
     */
    static final double MIN_SHARED = 4.0;
    /** Below this cosine two rules share a fragment of what they detect, not the detection. */
    static final double MIN_SIMILARITY = 0.12;
    private static final String EVENT = "event:";
    private static final String TECHNIQUE = "technique:";

    /**
     * What one rule detects, reduced for comparison: its detection terms, its canonical events and its techniques
     * (each with its parent), all as terms weighted by rarity.
     */
    record Profile(String uid, String platform, Set<String> events, Set<String> techniques, List<DetectionTerms.Term> terms,
            Set<String> keys) {
    }

    /**
     * One counterpart of a rule.
     *
     * @param events the canonical events both read ("Process creation")
     * @param terms what both detect, as this rule writes it ({@code CommandLine contains comsvcs})
     * @param techniques the techniques both name, or the pair of related ones ({@code T1003 ~ T1003.001})
     */
    public record Counterpart(String uid, String platform, double score, List<String> events, List<String> terms, List<String> techniques) {

        /** The reason in one line: "both: process creation; CommandLine contains comsvcs, MiniDump; T1003.001". */
        public String reason() {
            List<String> parts = new ArrayList<>();
            if (!events.isEmpty()) {
                parts.add(String.join(", ", events).toLowerCase(java.util.Locale.ROOT));
            }
            if (!terms.isEmpty()) {
                parts.add(String.join(", ", terms));
            }
            if (!techniques.isEmpty()) {
                parts.add(String.join(", ", techniques));
            }
            return "both: " + String.join("; ", parts);
        }
    }

    private final Map<String, Profile> profiles;
    private final Map<String, List<String>> rulesByTerm = new HashMap<>();
    private final Map<String, String> eventNames;
    private final int maxShared;
    /** Each rule's length as a vector of term weights, for cosine similarity. */
    private final Map<String, Double> norms = new HashMap<>();

    private Counterparts(Map<String, Profile> profiles, Map<String, String> eventNames) {
        this.profiles = profiles;
        this.eventNames = eventNames;
        profiles.values().forEach(p -> p.keys().forEach(k -> rulesByTerm.computeIfAbsent(k, x -> new ArrayList<>(2)).add(p.uid())));
        this.maxShared = Math.max(5, (int) (profiles.size() * MAX_TERM_SHARE));
        profiles.values().forEach(p -> norms.put(p.uid(), Math.sqrt(p.keys().stream().mapToDouble(k -> square(weight(k))).sum())));
    }

    /** A term's weight: its rarity, or nothing for a term so common it says nothing. */
    private double weight(String key) {
        int df = rulesByTerm.getOrDefault(key, List.of()).size();
        return df == 0 || df > maxShared ? 0 : Math.log((double) Math.max(2, profiles.size()) / df);
    }

    private static double square(double x) {
        return x * x;
    }

    /** The profiles of these rules, each with its analysis and canonical events from the catalog's indicator index. */
    public static Counterparts of(List<Rule> rules, IndicatorIndex indicators) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        for (Rule rule : rules) {
            List<EventVocabulary.CanonicalEvent> events = indicators.behaviours(rule);
            events.forEach(e -> names.put(e.id(), e.name()));
            Set<String> eventIds = events.stream().map(EventVocabulary.CanonicalEvent::id).collect(Collectors.toUnmodifiableSet());
            List<DetectionTerms.Term> terms = DetectionTerms.of(indicators.analysisOf(rule).indicators());
            Set<String> keys = new LinkedHashSet<>();
            terms.forEach(t -> keys.add(t.key()));
            eventIds.forEach(e -> keys.add(EVENT + e));
            rule.getTechniqueIds().forEach(t -> {
                keys.add(TECHNIQUE + t);
                keys.add(TECHNIQUE + parent(t));
            });
            profiles.put(rule.getUid(), new Profile(rule.getUid(), rule.getPlatform(), eventIds, Set.copyOf(rule.getTechniqueIds()), terms,
                    Set.copyOf(keys)));
        }
        return new Counterparts(profiles, names);
    }

    /**
     * The counterparts of a rule on each other platform, best first, at most {@code perPlatform} each; platforms in
     * the order of their best counterpart.
     */
    public Map<String, List<Counterpart>> of(String uid, int perPlatform) {
        Map<String, List<Counterpart>> byPlatform = new LinkedHashMap<>();
        for (Counterpart c : ranked(uid, true)) {
            List<Counterpart> list = byPlatform.computeIfAbsent(c.platform(), k -> new ArrayList<>());
            if (list.size() < perPlatform) {
                list.add(c);
            }
        }
        byPlatform.replaceAll((k, v) -> List.copyOf(v));
        return byPlatform;
    }

    /** The rules most like this one on any platform, its own included, best first: the rule page's "Similar rules". */
    public List<Counterpart> similar(String uid, int limit) {
        List<Counterpart> ranked = ranked(uid, false);
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /**
     * Every rule that shares enough of what this one detects, most alike first: cosine similarity of the two rules'
     * rarity-weighted terms, so a rule whose whole detection is the shared part ranks above a long rule that shares
     * the same part among fifty others.
     */
    private List<Counterpart> ranked(String uid, boolean otherPlatformsOnly) {
        Profile self = profiles.get(uid);
        if (self == null) {
            return List.of();
        }
        Map<String, Double> dot = new HashMap<>();
        Map<String, Double> sharedWeight = new HashMap<>();
        Set<String> sharingWhatItDetects = new HashSet<>();
        // A rule that tests values is matched by them; only a rule defined by its event alone (an audit log cleared,
        // a group changed) is matched by the event.
        boolean definedByEvent = self.terms().stream().noneMatch(t -> weight(t.key()) > 0);
        for (String key : self.keys()) {
            double weight = weight(key);
            List<String> uids = rulesByTerm.getOrDefault(key, List.of());
            if (weight == 0 || uids.size() < 2) {
                continue;
            }
            for (String other : uids) {
                Profile p = profiles.get(other);
                boolean samePlatform = p.platform() == null || p.platform().equals(self.platform());
                if (other.equals(uid) || otherPlatformsOnly && samePlatform) {
                    continue;
                }
                dot.merge(other, weight * weight, Double::sum);
                sharedWeight.merge(other, weight, Double::sum);
                if (!key.startsWith(TECHNIQUE) && (definedByEvent || !key.startsWith(EVENT))) {
                    sharingWhatItDetects.add(other);
                }
            }
        }
        double selfNorm = norms.getOrDefault(uid, 0.0);
        List<Counterpart> found = new ArrayList<>();
        dot.forEach((other, product) -> {
            if (!sharingWhatItDetects.contains(other) || sharedWeight.get(other) < MIN_SHARED) {
                return;
            }
            Profile p = profiles.get(other);
            double otherNorm = norms.get(other);
            double cosine = product / (selfNorm * otherNorm);
            double covered = product / (selfNorm * selfNorm);
            double similarity = (cosine + covered) / 2;
            if (similarity < MIN_SIMILARITY) {
                return;
            }
            List<String> events = self.events().stream().filter(p.events()::contains).map(eventNames::get).sorted().toList();
            List<String> terms = self.terms().stream().filter(t -> p.keys().contains(t.key()) && weight(t.key()) > 0)
                    .map(DetectionTerms.Term::written).distinct().toList();
            found.add(new Counterpart(other, p.platform(), similarity, events, terms, techniquesShared(self.techniques(), p.techniques())));
        });
        found.sort(Comparator.comparingDouble(Counterpart::score).reversed().thenComparing(Counterpart::uid));
        return found;
    }

    private static List<String> techniquesShared(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>();
        a.stream().filter(b::contains).sorted().forEach(out::add);
        if (out.isEmpty()) {
            for (String x : a.stream().sorted().toList()) {
                b.stream().filter(y -> related(x, y)).sorted().forEach(y -> out.add(x + " ~ " + y));
            }
        }
        return List.copyOf(out);
    }

    /** A technique and its sub-technique, or two sub-techniques of one technique. */
    private static boolean related(String x, String y) {
        return !x.equals(y) && parent(x).equals(parent(y));
    }

    private static String parent(String id) {
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
