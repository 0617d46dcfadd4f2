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
