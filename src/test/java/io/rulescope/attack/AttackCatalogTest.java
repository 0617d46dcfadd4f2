package io.rulescope.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

import io.rulescope.SharedData;
import io.rulescope.attack.AttackCatalog.CoverageRow;
import io.rulescope.attack.AttackCatalog.TechniqueRef;

class AttackCatalogTest {

    private final AttackCatalog attack = AttackCatalog.load(null);

    @Test
    void theShippedTablesHoldEveryEnterpriseTacticInMatrixOrder() {
        assertThat(attack.tactics()).extracting(Tactic::shortName).startsWith("reconnaissance", "resource-development",
                "initial-access", "execution").endsWith("impact");
        assertThat(attack.techniques()).hasSizeGreaterThan(600);
    }

    @ParameterizedTest(name = "\"{0}\" is written for {1}")
    @CsvSource(textBlock = """
            t1059.001,  T1059.001
            T1059,      T1059
            ' T1003_001', T1003.001
            attack.t1059, ''
            T12,        ''
            """)
    void techniqueReferencesAreNormalisedAsRulesWriteThem(String raw, String expected) {
        assertThat(AttackCatalog.normaliseTechniqueId(raw)).isEqualTo(expected == null || expected.isEmpty() ? null : expected);
    }

    @Test
    void aTechniqueInSeveralTacticsIsPlacedUnderTheTacticsTheRuleNames() {
        List<CoverageRow> hinted = attack.coverage(List.of("T1078.004"), List.of("persistence"));
        List<CoverageRow> unhinted = attack.coverage(List.of("T1078.004"), List.of());

        assertThat(hinted).extracting(r -> r.tactic().shortName()).containsExactly("persistence");
        assertThat(unhinted).extracting(r -> r.tactic().shortName())
                .contains("initial-access", "persistence", "privilege-escalation", "defense-evasion");
        assertThat(hinted.get(0).techniques().get(0).name()).isEqualTo("Valid Accounts: Cloud Accounts");
    }

    @Test
    void unknownAndRevokedIdsAreShownAsSuchNotDropped() {
        List<CoverageRow> rows = attack.coverage(List.of("T9999", "T1066"), List.of());

        List<TechniqueRef> refs = rows.stream().flatMap(r -> r.techniques().stream()).toList();
        assertThat(refs).extracting(TechniqueRef::id, TechniqueRef::status).contains(
                org.assertj.core.groups.Tuple.tuple("T9999", TechniqueRef.Status.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple("T1066", TechniqueRef.Status.REVOKED));
    }

    private static String rows(List<CoverageRow> rows) {
        return rows.stream().map(r -> (r.tactic() == null ? "-" : r.tactic().name() + (r.tactic().isKnown() ? "" : "?")) + ":"
                + String.join(",", r.techniques().stream().map(TechniqueRef::id).toList())).reduce((a, b) -> a + " " + b).orElse("");
    }

    /** Rows read "Tactic:techniques", a trailing ? marking a tactic the loaded ATT&CK (v18.1) lacks. */
    @ParameterizedTest(name = "techniques {0} with tactics {1} are shown as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            T1027              | stealth                  | Stealth?:T1027
            T1027              | stealth defense-evasion  | Defense Evasion:T1027 Stealth?:
            T1685              | stealth                  | Stealth?:T1685
            T1685              | execution                | Execution:T1685
            T1685              | ''                       | -:T1685
            ''                 | execution                | Execution:
            T1059.001          | execution                | Execution:T1059.001
            T1059.001 T1027    | execution stealth        | Execution:T1059.001 Stealth?:T1027
            T1003              | execution                | Execution:T1003
            T1562.001          | defense_impairment       | Defense Impairment?:T1562.001
            """)
    void whatARuleDeclaresIsKeptAndNothingItDoesNotIsAdded(String techniques, String tactics, String shown) {
        List<String> ids = techniques.isBlank() ? List.of() : List.of(techniques.split(" "));
        List<String> hints = tactics.isBlank() ? List.of() : List.of(tactics.split(" "));

        assertThat(rows(attack.coverage(ids, hints))).isEqualTo(shown);
    }

    @Test
    void theShippedReleaseIsNamedAndABundleIsNamedByItsDate() {
        assertThat(attack.release()).isEqualTo("v18.1");
    }

    /** A small bundle in v19's shape: Stealth is a tactic and T1685 a technique under it. */
    static final String V19_SHAPED = """
            {"type": "bundle", "id": "bundle--1", "objects": [
              {"type": "x-mitre-matrix", "id": "x-mitre-matrix--1", "modified": "2026-04-28T00:00:00.000Z",
               "tactic_refs": ["x-mitre-tactic--exec", "x-mitre-tactic--stealth"]},
              {"type": "x-mitre-tactic", "id": "x-mitre-tactic--exec", "name": "Execution", "x_mitre_shortname": "execution",
               "external_references": [{"source_name": "mitre-attack", "external_id": "TA0002"}]},
              {"type": "x-mitre-tactic", "id": "x-mitre-tactic--stealth", "name": "Stealth", "x_mitre_shortname": "stealth",
               "external_references": [{"source_name": "mitre-attack", "external_id": "TA0112"}]},
              {"type": "attack-pattern", "id": "attack-pattern--1", "name": "Hypothetical New Technique",
               "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "stealth"}],
               "external_references": [{"source_name": "mitre-attack", "external_id": "T1685"}]},
              {"type": "attack-pattern", "id": "attack-pattern--2", "name": "Obfuscated Files or Information",
               "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "stealth"}],
               "external_references": [{"source_name": "mitre-attack", "external_id": "T1027"}]}
            ]}
            """;

    @Test
    void withANewerBundleEverythingIsPlacedByIt() throws IOException {
        AttackCatalog v19 = new AttackCatalog(StixBundleReader.read(new java.io.ByteArrayInputStream(V19_SHAPED.getBytes(StandardCharsets.UTF_8))));

        assertThat(v19.release()).isEqualTo("of 2026-04-28");
        assertThat(rows(v19.coverage(List.of("T1685", "T1027"), List.of("stealth")))).isEqualTo("Stealth:T1685,T1027");
        assertThat(rows(v19.coverage(List.of("T1685"), List.of()))).isEqualTo("Stealth:T1685");
        assertThat(v19.coverage(List.of("T1685"), List.of()).get(0).techniques().get(0).name()).isEqualTo("Hypothetical New Technique");
        assertThat(v19.tactic("stealth")).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo("TA0112"));
        AttackMatrix matrix = AttackMatrix.of(v19, new AttackMatrix.Counts(java.util.Map.of("T1685", 3L), java.util.Map.of("stealth", 3L),
                java.util.Map.of()));
        assertThat(matrix.columns()).extracting(c -> c.tactic().name()).containsExactly("Execution", "Stealth");
        assertThat(matrix.columns().get(1).cells()).extracting(AttackMatrix.Cell::label, AttackMatrix.Cell::rules, AttackMatrix.Cell::declaredOnly)
                .contains(org.assertj.core.groups.Tuple.tuple("Hypothetical New Technique", 3L, false));
    }

    @Test
    void theMatrixGivesUnknownDeclaredTacticsAColumnAndMarksWhatRulesPlaceThemselves() {
        AttackMatrix matrix = AttackMatrix.of(attack, new AttackMatrix.Counts(java.util.Map.of("T1027", 2L),
                java.util.Map.of("stealth", 5L, "execution", 7L), java.util.Map.of("stealth|T1027", 2L, "stealth|T1685", 3L,
                        "execution|T1686", 1L)));

        AttackMatrix.Column stealth = matrix.columns().get(matrix.columns().size() - 1);
        assertThat(stealth.tactic().name()).isEqualTo("Stealth");
        assertThat(stealth.tactic().isKnown()).isFalse();
        assertThat(stealth.rules()).isEqualTo(5);
        assertThat(stealth.cells()).extracting(AttackMatrix.Cell::label, AttackMatrix.Cell::rules)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Obfuscated Files or Information", 2L),
                        org.assertj.core.groups.Tuple.tuple("T1685", 3L));
        AttackMatrix.Column execution = matrix.columns().stream().filter(c -> c.tactic().shortName().equals("execution")).findFirst().orElseThrow();
        assertThat(execution.rules()).isEqualTo(7);
        assertThat(execution.cells()).filteredOn(AttackMatrix.Cell::declaredOnly).extracting(AttackMatrix.Cell::label).containsExactly("T1686");
    }

    @Test
    void tacticsAreFoundByIdShortNameNameOrSigmaSpelling() {
        assertThat(attack.tactic("TA0002")).hasValueSatisfying(t -> assertThat(t.name()).isEqualTo("Execution"));
        assertThat(attack.tactic("command_and_control")).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo("TA0011"));
        assertThat(attack.tactic("Defense Evasion")).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo("TA0005"));
    }

    /** Guards against drift: the committed tables are exactly what the tool generates from the shared bundle. */
    @Test
    @EnabledIf(value = "io.rulescope.SharedData#attackPresent", disabledReason = SharedData.MISSING)
    void theShippedTablesAreWhatTheToolGeneratesFromTheStixBundle() throws IOException {
        AttackData data;
        try (InputStream in = Files.newInputStream(SharedData.attackBundle())) {
            data = StixBundleReader.read(in);
        }
        StringWriter tactics = new StringWriter();
        StringWriter techniques = new StringWriter();
        AttackTables.writeTactics(data.tactics(), tactics);
        AttackTables.writeTechniques(data.techniques(), techniques);

        assertThat(tactics.toString()).isEqualTo(classpath("content/attack/tactics.tsv"));
        assertThat(techniques.toString()).isEqualTo(classpath("content/attack/techniques.tsv"));
    }

    private static String classpath(String path) throws IOException {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
