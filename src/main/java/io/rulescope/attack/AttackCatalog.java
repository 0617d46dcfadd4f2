package io.rulescope.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;

/**
 * ATT&CK Enterprise as Rulescope knows it: the compact tables shipped in {@code content/attack/}, or a full STIX
 * bundle named by {@code rulescope.attack.bundle} so users can update ATT&CK without a new release.
 */
public class AttackCatalog {

    private static final Logger log = LoggerFactory.getLogger(AttackCatalog.class);
    private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private final List<Tactic> tactics;
    private final String release;
    private final Map<String, Tactic> tacticsByKey = new HashMap<>();
    private final Map<String, Technique> techniques = new LinkedHashMap<>();
    /** Live techniques by lower-cased name and "Parent: Sub" name; a name two techniques share maps to none. */
    private final Map<String, Optional<Technique>> byName = new HashMap<>();
    /** Which techniques sit in which column, in matrix order: the same for every matrix, so worked out once. */
    private volatile AttackMatrix.Layout matrixLayout;

    public AttackCatalog(AttackData data) {
        this.tactics = data.tactics();
        this.release = data.release();
        for (Tactic t : tactics) {
            tacticsByKey.put(t.id().toLowerCase(Locale.ROOT), t);
            tacticsByKey.put(t.shortName(), t);
            tacticsByKey.put(t.name().toLowerCase(Locale.ROOT), t);
            // Sentinel writes tactics run together: CommandAndControl, and in older files CommandandControl.
            tacticsByKey.putIfAbsent(lettersOnly(t.name()), t);
        }
        data.techniques().forEach(t -> techniques.put(t.id(), t));
        for (Technique t : techniques.values()) {
            if (!t.isWithdrawn()) {
                for (String name : new LinkedHashSet<>(List.of(t.name().toLowerCase(Locale.ROOT), displayName(t).toLowerCase(Locale.ROOT)))) {
                    byName.merge(name, Optional.of(t), (a, b) -> a.equals(b) ? a : Optional.empty());
                }
            }
        }
    }

    public static AttackCatalog load(String bundle) {
        if (bundle != null && !bundle.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(bundle))) {
                AttackData data = StixBundleReader.read(in);
                log.info("ATT&CK: {} tactics, {} techniques from STIX bundle {}", data.tactics().size(),
                        data.techniques().size(), bundle);
                return new AttackCatalog(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ATT&CK bundle " + bundle + ": " + e.getMessage(), e);
            }
        }
        return new AttackCatalog(new AttackData(
                AttackTables.readTactics(classpathReader("content/attack/tactics.tsv")),
                AttackTables.readTechniques(classpathReader("content/attack/techniques.tsv")), shippedRelease()));
    }

    /** The release the shipped tables were generated from, as {@code content/attack/release.txt} names it. */
    private static String shippedRelease() {
        try (var in = new java.io.BufferedReader(classpathReader("content/attack/release.txt"))) {
            String line = in.readLine();
            return line == null || line.isBlank() ? "unnamed release" : line.strip();
        } catch (IOException | UncheckedIOException e) {
            return "unnamed release";
        }
    }

    /** How the loaded release is named on pages: {@code v18.1}, or {@code of 2026-04-28} for a bundle. */
    public String release() {
        return release;
    }

    private static InputStreamReader classpathReader(String path) {
        try {
            return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path + " on the classpath", e);
        }
    }

    AttackMatrix.Layout matrixLayout() {
        AttackMatrix.Layout layout = matrixLayout;
        if (layout == null) {
            layout = AttackMatrix.Layout.of(this);
            matrixLayout = layout;
        }
        return layout;
    }

    public List<Tactic> tactics() {
        return tactics;
    }

    /** Changes whenever a tactic or technique does; saved catalogs built against another ATT&CK are not reused. */
    public String fingerprint() {
        return release + "/" + tactics.size() + "/" + techniques.size() + "/" + Integer.toHexString(tactics.hashCode()) + "/"
                + Integer.toHexString(List.copyOf(techniques.values()).hashCode());
    }

    public Collection<Technique> techniques() {
        return techniques.values();
    }

    public Optional<Technique> technique(String id) {
        return Optional.ofNullable(techniques.get(id.toUpperCase(Locale.ROOT)));
    }

    /** The live technique with exactly this name ("OS Credential Dumping", "Command and Scripting Interpreter: PowerShell"). */
    public Optional<Technique> techniqueNamed(String name) {
        return byName.getOrDefault(name.strip().toLowerCase(Locale.ROOT), Optional.empty());
    }

    /** Finds a tactic by id ({@code TA0002}), short name ({@code execution}, {@code command_and_control}) or name. */
    public Optional<Tactic> tactic(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        Tactic t = tacticsByKey.get(k);
        if (t == null) {
            t = tacticsByKey.get(k.replace('_', '-').replace(' ', '-'));
        }
        return Optional.ofNullable(t != null ? t : tacticsByKey.get(lettersOnly(k)));
    }

    private static String lettersOnly(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    /** Normalises a technique reference as rules write it ({@code t1059.001}, {@code T1059_001}) or null. */
    public static String normaliseTechniqueId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.trim().toUpperCase(Locale.ROOT).replace('_', '.');
        return TECHNIQUE_ID.matcher(id).matches() ? id : null;
    }

    /** The display name, "Parent: Sub" for sub-techniques as MITRE shows them. */
    public String displayName(Technique t) {
        if (!t.isSubTechnique()) {
            return t.name();
        }
        Technique parent = techniques.get(t.parentId());
        return parent == null ? t.name() : parent.name() + ": " + t.name();
    }

    /** A tactic a rule declares: ATT&CK's when the loaded version has it, else kept under its own name. */
    public Tactic declaredTactic(String hint) {
        return tactic(hint).orElseGet(() -> Tactic.unknown(hint));
    }

    /** Whether a declared tactic name could be one (letters, hyphens): Sigma tags also carry groups and software. */
    public static boolean looksLikeTactic(String hint) {
        return hint != null && hint.strip().matches("(?i)[a-z][a-z _-]{2,40}");
    }

    /**
     * Builds the coverage table of a rule, keeping everything the rule declares and adding nothing it does not. Where
     * the rule names tactics, each technique goes under those of them ATT&CK also puts it under, or, if none, under
     * the named tactics the loaded ATT&CK lacks (the rule follows a newer release), or else under all it names (the
     * author's placement wins); every named tactic is shown, with no technique where the rule names none for it. Where
     * the rule names no tactic (ESCU), a technique goes under ATT&CK's tactics for it. A technique ATT&CK does not
     * know, in a rule that names no tactic, is kept in a row without tactic.
     */
    public List<CoverageRow> coverage(Collection<String> techniqueIds, Collection<String> tacticHints) {
        Map<String, Tactic> declared = new LinkedHashMap<>();
        for (String hint : tacticHints) {
            if (tactic(hint).isPresent() || looksLikeTactic(hint)) {
                Tactic t = declaredTactic(hint);
                declared.putIfAbsent(t.shortName(), t);
            }
        }
        List<Tactic> declaredUnknown = declared.values().stream().filter(t -> !t.isKnown()).toList();
        Map<Tactic, Set<TechniqueRef>> byTactic = new LinkedHashMap<>();
        declared.values().forEach(t -> byTactic.put(t, new LinkedHashSet<>()));
        List<TechniqueRef> unplaced = new ArrayList<>();
        for (String id : new LinkedHashSet<>(techniqueIds)) {
            Technique t = techniques.get(id);
            TechniqueRef ref = t == null ? new TechniqueRef(id, null, TechniqueRef.Status.UNKNOWN)
                    : new TechniqueRef(id, displayName(t), t.revoked() ? TechniqueRef.Status.REVOKED
                            : t.deprecated() ? TechniqueRef.Status.DEPRECATED : TechniqueRef.Status.ACTIVE);
            List<Tactic> placeUnder;
            if (!declared.isEmpty()) {
                List<Tactic> agreed = t == null ? List.of() : t.tactics().stream().filter(declared::containsKey).map(declared::get).toList();
                // Without agreement the rule follows another release: its tactics that this one lacks are where the
                // technique belongs there; failing those, all it names.
                placeUnder = !agreed.isEmpty() ? agreed : !declaredUnknown.isEmpty() ? declaredUnknown : List.copyOf(declared.values());
            } else {
                placeUnder = t == null ? List.of() : t.tactics().stream().map(this::tactic).flatMap(Optional::stream).toList();
            }
            if (placeUnder.isEmpty()) {
                unplaced.add(ref);
            }
            for (Tactic tactic : placeUnder) {
                byTactic.computeIfAbsent(tactic, k -> new LinkedHashSet<>()).add(ref);
            }
        }
        List<CoverageRow> rows = new ArrayList<>();
        byTactic.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Tactic::order)
                .thenComparing(Tactic::shortName))).forEach(e -> rows.add(new CoverageRow(e.getKey(), List.copyOf(e.getValue()))));
        if (!unplaced.isEmpty()) {
            rows.add(new CoverageRow(null, List.copyOf(new LinkedHashSet<>(unplaced))));
        }
        return rows;
    }

    /** A technique as a rule references it, with what ATT&CK says of that id. */
    public record TechniqueRef(String id, String name, Status status) {

        public enum Status {
            ACTIVE, DEPRECATED, REVOKED, UNKNOWN;

            /** Not in the loaded ATT&CK: the rule was written for a newer release, or mistyped the id. */
            public boolean isUnknown() {
                return this == UNKNOWN;
            }

            /** What MITRE says of a technique it no longer recommends; null for an active or unknown one. */
            public String mitreNote() {
                return switch (this) {
                    case DEPRECATED -> "deprecated by MITRE";
                    case REVOKED -> "revoked by MITRE";
                    default -> null;
                };
            }
        }

        public String url() {
            return "https://attack.mitre.org/techniques/" + id.replace('.', '/') + "/";
        }
    }

    /**
     * One row of a rule's coverage table; {@code tactic} is null for techniques nothing places, and
     * {@code techniques} is empty for a tactic the rule names without a technique.
     */
    public record CoverageRow(Tactic tactic, List<TechniqueRef> techniques) {
    }
}
