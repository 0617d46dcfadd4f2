package io.rulescope.dialect.yaral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.dialect.DocumentSyntaxException;

class YaralSectionsTest {

    @Test
    void aFileIsCutIntoRulesAndEachRuleIntoItsSections() {
        List<YaralSections.RuleText> rules = YaralSections.rules("""
                /* licence
                 * rule not_a_rule { } */
                rule first {
                  meta:
                    rule_name = "First {one}"
                  events:
                    $e.target.url = /a{2}\\/b/ nocase
                    $e.target.file = `C:\\x}` // a } in a comment
                  condition:
                    $e
                }
                rule second { events: $e.x = "y" condition: $e }
                """);

        assertThat(rules).extracting(YaralSections.RuleText::name).containsExactly("first", "second");
        Map<String, YaralSections.Section> first = rules.get(0).sections();
        assertThat(first.keySet()).containsExactly("meta", "events", "condition");
        assertThat(first.get("events").text()).contains("/a{2}\\/b/ nocase").contains("`C:\\x}`");
        assertThat(first.get("condition").text().strip()).isEqualTo("$e");
        assertThat(rules.get(0).text()).startsWith("rule first {").endsWith("}");
        assertThat(rules.get(1).sections()).as("section names count only at the start of a line").isEmpty();
    }

    @Test
    void metaKeepsEveryValueOfARepeatedKeyAndReadsQuotedValuesWithTheirEscapes() {
        Map<String, Object> meta = YaralMeta.parse("""
                    rule_name = "Say \\"hi\\""
                    reference = "https://a.example"
                    reference = "https://b.example"
                    priority = 3 // bare
                """);

        assertThat(meta).containsEntry("rule_name", "Say \"hi\"").containsEntry("priority", "3")
                .containsEntry("reference", List.of("https://a.example", "https://b.example"));
    }

    @ParameterizedTest(name = "{0}: line {1}, column {2}, {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            'rule r {\\n  events:\\n    $e.x = "y\\n}'        | 3 | 12 | a string opened here is not closed on its line
            'rule r {\\n  events:\\n    $e.x = "y"\\n'         | 1 | 8  | the '{' of rule r is never closed
            'rule r {\\n  /* open\\n}'                        | 2 | 3  | a '/*' comment is never closed
            'rule {\\n}'                                      | 1 | 6  | a rule needs a name after 'rule'
            'title: not yara-l'                              | 1 | 1  | expected 'rule <name> {' but found 'title'
            """)
    void aBrokenFileIsRefusedWithWhereItBreaks(String text, int line, int column, String reason) {
        assertThatThrownBy(() -> YaralSections.rules(text.replace("\\n", "\n"))).isInstanceOfSatisfying(DocumentSyntaxException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(reason);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
        });
    }

    @Test
    void aFileOfOnlyCommentsHoldsNoRules() {
        assertThat(YaralSections.rules("// nothing here\n/* or here */\n")).isEmpty();
    }

    @Test
    void aLongFileIsCutInTimeLinearInItsLength() {
        String rule = "rule r%d {\n events:\n  $e.x = \"a\" // c\n  re.regex($e.y, `b/`)\n condition:\n  $e\n}\n";
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            file.append(String.format(rule, i));
        }

        assertThat(YaralSections.rules(file.toString())).hasSize(20_000);
    }
}
