package io.rulescope.collection.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.rulescope.collection.Unmatched;
import io.rulescope.rule.Rule;
import io.rulescope.rule.RuleFormat;
import io.rulescope.rule.RuleSet;

class RuleImportsTest {

    static Rule rule(String source, String id, String title, String query) {
        Rule rule = new Rule(source + ":" + id, id, false, title, RuleFormat.LOGIC);
        rule.setSource(source, id + ".yml", null, 0);
        rule.setQuery(query);
        return rule;
    }

    static final RuleSet RULES = RuleSet.of(List.of(
            rule("escu", "0a1b2c3d-0000-4000-8000-000000000001", "Windows Certutil Download", "| tstats count from datamodel=Endpoint.Processes where Processes.process_name=certutil.exe by Processes.dest"),
            rule("escu", "0a1b2c3d-0000-4000-8000-000000000002", "Windows Regsvr32 Squiblydoo", "`sysmon` EventCode=1 process_name=regsvr32.exe"),
            rule("sentinel", "e2399891-383c-4caf-ae4f-9d4a1d9a7c8e", "Mass secret retrieval from Azure Key Vault", "AzureDiagnostics | where OperationName == 'SecretGet'"),
            rule("elastic", "a9198571-b135-4a76-b055-e3e5a476fd83", "Bash Shell Profile Modification", "file where event.type == \"change\"")));

    static List<String> ids(RuleImports.Report report) {
        return report.matched().stream().map(Rule::getRuleId).toList();
    }

    @Test
    void aSavedSearchesStanzaIsMatchedByItsEscuTitleOrElseByItsSearchTextAndDefaultIsNoSearch() {
        String conf = """
                # exported from our search head
                [default]
                dispatch.earliest_time = -24h

                [ESCU - Windows Certutil Download - Rule]
                search = | tstats count from datamodel=Endpoint.Processes \\
                  where Processes.process_name=certutil.exe by Processes.dest
                cron_schedule = 0 * * * *

                [Our own regsvr32 search]
                search = `sysmon`   EventCode=1 process_name=regsvr32.exe

                [Something local]
                search = index=main error
                """;

        RuleImports.Report report = RuleImports.read(ImportFormat.SAVEDSEARCHES, conf, RULES);

        assertThat(report.items()).isEqualTo(3);
        assertThat(ids(report)).containsExactly("0a1b2c3d-0000-4000-8000-000000000001", "0a1b2c3d-0000-4000-8000-000000000002");
        assertThat(report.unmatched()).extracting(Unmatched::item).containsExactly("[Something local]");
        assertThat(report.unmatched().get(0).reason()).isEqualTo("none is titled 'Something local'; none has this search text");
    }

    @Test
    void aSentinelArmTemplateIsMatchedByTemplateIdThenByTheGuidInItsNameThenByDisplayName() {
        String arm = """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "resources": [
                  {"type": "Microsoft.OperationalInsights/workspaces/providers/alertRules",
                   "name": "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/11111111-2222-3333-4444-555555555555')]",
                   "properties": {"displayName": "Renamed by us", "alertRuleTemplateName": "e2399891-383c-4caf-ae4f-9d4a1d9a7c8e"}},
                  {"type": "Microsoft.OperationalInsights/workspaces/providers/alertRules",
                   "name": "[concat(parameters('workspace'),'/Microsoft.SecurityInsights/a9198571-b135-4a76-b055-e3e5a476fd83')]",
                   "properties": {"displayName": "Whatever"}},
                  {"type": "Microsoft.OperationalInsights/workspaces/providers/alertRules", "name": "x",
                   "properties": {"displayName": "Windows Regsvr32 Squiblydoo"}},
                  {"type": "Microsoft.OperationalInsights/workspaces/providers/alertRules", "name": "y",
                   "properties": {"displayName": "Our own rule", "query": "SecurityEvent | take 1"}},
                  {"type": "Microsoft.OperationalInsights/workspaces/providers/metadata", "name": "z"}]}
                """;

        RuleImports.Report report = RuleImports.read(ImportFormat.SENTINEL_ARM, arm, RULES);

        assertThat(report.items()).isEqualTo(4);
        assertThat(ids(report)).containsExactly("e2399891-383c-4caf-ae4f-9d4a1d9a7c8e", "a9198571-b135-4a76-b055-e3e5a476fd83",
                "0a1b2c3d-0000-4000-8000-000000000002");
        assertThat(report.unmatched()).extracting(Unmatched::item).containsExactly("Our own rule");
    }

    @Test
    void anElasticExportIsMatchedByRuleIdAndItsClosingCountLineIsNotARule() {
        String ndjson = """
                {"rule_id":"a9198571-b135-4a76-b055-e3e5a476fd83","name":"Bash Shell Profile Modification","enabled":true}
                {"rule_id":"ffffffff-0000-0000-0000-000000000000","name":"Ours only"}
                {"exported_count":2,"exported_rules_count":2,"missing_rules":[]}
                """;

        RuleImports.Report report = RuleImports.read(ImportFormat.ELASTIC_NDJSON, ndjson, RULES);

        assertThat(report.items()).isEqualTo(2);
        assertThat(ids(report)).containsExactly("a9198571-b135-4a76-b055-e3e5a476fd83");
        assertThat(report.unmatched()).extracting(Unmatched::item, Unmatched::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ours only", "no rule has the id ffffffff-0000-0000-0000-000000000000; none is titled 'Ours only'"));
    }

    @Test
    void aNavigatorLayersCoveredTechniquesBecomeASearchAndNothingIsMatchedYet() {
        String layer = """
                {"name": "prod coverage", "domain": "enterprise-attack", "techniques": [
                  {"techniqueID": "T1059.001", "score": 3},
                  {"techniqueID": "t1003"},
                  {"techniqueID": "T1105", "score": 0},
                  {"techniqueID": "T1047", "enabled": false},
                  {"techniqueID": "T1059.001", "tactic": "execution"},
                  {"techniqueID": "not-a-technique"}]}
                """;

        RuleImports.Report report = RuleImports.read(ImportFormat.NAVIGATOR, layer, RULES);

        assertThat(report.techniques()).containsExactly("T1059.001", "T1003");
        assertThat(report.search()).isEqualTo("technique:T1059.001 OR technique:T1003");
        assertThat(report.matched()).isEmpty();
    }

    @Test
    void aFileThatIsNotOfItsFormatIsRefusedSayingWhy() {
        assertThatThrownBy(() -> RuleImports.read(ImportFormat.SAVEDSEARCHES, "search = x", RULES))
                .isInstanceOf(ImportProblem.class).hasMessageContaining("no [stanza] line");
        assertThatThrownBy(() -> RuleImports.read(ImportFormat.SENTINEL_ARM, "{\"resources\": {}}", RULES))
                .hasMessageContaining("no \"resources\" list");
        assertThatThrownBy(() -> RuleImports.read(ImportFormat.SENTINEL_ARM, "[1,", RULES)).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> RuleImports.read(ImportFormat.ELASTIC_NDJSON, "{\"rule_id\":\"a\"}\nnot json", RULES))
                .hasMessageStartingWith("Line 2 is not a JSON object");
        assertThatThrownBy(() -> RuleImports.read(ImportFormat.NAVIGATOR, "{\"name\":\"x\"}", RULES)).hasMessageContaining("no \"techniques\" list");
    }
}
