package io.rulescope.attack;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the facts Rulescope needs from a MITRE ATT&CK STIX 2.1 bundle (enterprise-attack.json): tactics in the
 * order of the matrix and every attack-pattern with its ATT&CK id. Descriptions and other prose are ignored.
 */
public final class StixBundleReader {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StixBundleReader() {
    }

    public static AttackData read(InputStream bundle) throws IOException {
        JsonNode objects = JSON.readTree(bundle).path("objects");
        if (!objects.isArray()) {
            throw new IOException("not a STIX bundle: no 'objects' array");
        }
        Map<String, JsonNode> tacticsByStixId = new HashMap<>();
        List<String> matrixOrder = new ArrayList<>();
        Map<String, Technique> techniques = new LinkedHashMap<>();
        String newest = "";
        for (JsonNode object : objects) {
            String modified = object.path("modified").asString("");
            if (modified.compareTo(newest) > 0) {
                newest = modified;
            }
            switch (object.path("type").asString("")) {
                case "x-mitre-tactic" -> tacticsByStixId.put(object.path("id").asString(), object);
                case "x-mitre-matrix" -> object.path("tactic_refs").forEach(ref -> matrixOrder.add(ref.asString()));
                case "attack-pattern" -> addTechnique(object, techniques);
                default -> {
                }
            }
        }
        List<Tactic> tactics = new ArrayList<>();
        for (String ref : matrixOrder) {
            JsonNode tactic = tacticsByStixId.get(ref);
            if (tactic != null) {
                tactics.add(new Tactic(attackId(tactic), tactic.path("x_mitre_shortname").asString(),
                        tactic.path("name").asString(), tactics.size() + 1));
            }
        }
        List<Technique> sorted = new ArrayList<>(techniques.values());
        sorted.sort(Comparator.comparing(Technique::id));
        // A bundle names no release; the date of its newest object tells one from another.
        String release = newest.length() >= 10 ? "of " + newest.substring(0, 10) : "unnamed release";
        return new AttackData(List.copyOf(tactics), List.copyOf(sorted), release);
    }

    private static void addTechnique(JsonNode object, Map<String, Technique> techniques) {
        String id = attackId(object);
        if (id == null) {
            return;
        }
        List<String> tactics = new ArrayList<>();
        for (JsonNode phase : object.path("kill_chain_phases")) {
            if ("mitre-attack".equals(phase.path("kill_chain_name").asString())) {
                tactics.add(phase.path("phase_name").asString());
            }
        }
        Technique technique = new Technique(id, object.path("name").asString(), List.copyOf(tactics),
                object.path("x_mitre_deprecated").asBoolean(false), object.path("revoked").asBoolean(false));
        // An id can appear on a withdrawn object and on its live successor; the live one wins.
        techniques.merge(id, technique, (old, neu) -> old.isWithdrawn() && !neu.isWithdrawn() ? neu : old);
    }

    private static String attackId(JsonNode object) {
        for (JsonNode ref : object.path("external_references")) {
            if ("mitre-attack".equals(ref.path("source_name").asString()) && ref.hasNonNull("external_id")) {
                return ref.path("external_id").asString();
            }
        }
        return null;
    }
}
