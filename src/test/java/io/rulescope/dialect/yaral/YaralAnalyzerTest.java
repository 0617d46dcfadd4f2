package io.rulescope.dialect.yaral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.rulescope.query.Expr;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.query.Indicator;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Polarity;
import io.rulescope.query.QueryAnalysis;
import io.rulescope.query.StageAnalysis;
import org.junit.jupiter.api.Test;

/** A YARA-L rule taken apart: golden expectations checked by hand against the rule text. */
class YaralAnalyzerTest {

    /** One event filtered four ways, its user bound to a placeholder, grouped over an hour. */
    static final String ONE_EVENT = """
            rule many_denied_calls {
              meta:
                rule_name = "Many denied calls"
                severity = "Low"

              events:
                $call.metadata.log_type = "CLOUD_AUDIT"
                $call.security_result.action = "BLOCK"  // denied
                $call.target.application != "health" nocase
                re.regex($call.target.url, `/admin/.*`)
                $call.principal.user.userid = $user

              match:
                $user over 1h

              outcome:
                $risk_score = max(35)

              condition:
                #call > 5
            }
            """;

    /** Two events joined on a placeholder and ordered in time, one of them checked against a reference list. */
    static final String TWO_EVENTS = """
            rule login_then_role_change {
              events:
                $login.metadata.event_type = "USER_LOGIN"
                not $login.principal.ip in %trusted_ranges
                $login.target.user.userid = $user
                $role.metadata.product_event_type = "AddRole" or $role.metadata.product_event_type = "GrantRole"
                $role.principal.user.userid = $user
                $login.metadata.event_timestamp.seconds < $role.metadata.event_timestamp.seconds

              match:
                $user over 30m

              condition:
                $login and $role
            }
            """;

    private final YaralAnalyzer analyzer = new YaralAnalyzer(FieldTaxonomy.NONE);

    @Test
    void eachEventVariableIsAStageOfItsTestsFollowedByTheRulesOtherSections() {
        QueryAnalysis a = analyzer.analyze(ONE_EVENT);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("event $call", "match", "outcome", "condition");
        StageAnalysis events = a.stages().get(0);
        assertThat(IndicatorCollector.render(events.expression())).isEqualTo("metadata.log_type eq CLOUD_AUDIT AND "
                + "security_result.action eq BLOCK AND NOT target.application eq health AND target.url re /admin/.*");
        assertThat(events.text()).as("the stage shows every statement, the binding too, without comments")
                .contains("$call.principal.user.userid = $user").doesNotContain("denied");
        assertThat(events.note()).isNull();
        assertThat(a.stages().get(1).note()).isEqualTo("groups by principal.user.userid over 1h");
        assertThat(a.groupBy()).containsExactly("principal.user.userid");
        assertThat(a.stages().get(3).text()).isEqualTo("#call > 5");
        assertThat(a.notes()).isEmpty();
    }

    @Test
    void theTestsBecomeIndicatorsWithThePolarityTheyAreWrittenWith() {
        QueryAnalysis a = analyzer.analyze(ONE_EVENT);

        assertThat(a.indicators()).extracting(Indicator::field, Indicator::value, Indicator::polarity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("metadata.log_type", "CLOUD_AUDIT", Polarity.MATCH),
                org.assertj.core.groups.Tuple.tuple("security_result.action", "BLOCK", Polarity.MATCH),
                org.assertj.core.groups.Tuple.tuple("target.application", "health", Polarity.EXCLUDE),
                org.assertj.core.groups.Tuple.tuple("target.url", "/admin/.*", Polarity.MATCH));
        assertThat(a.indicators()).as("YARA-L compares strings with case unless told nocase")
                .extracting(Indicator::caseSensitive).containsExactly(true, true, false, false);
    }

    @Test
    void statementsRelatingTwoEventsFormAJoinStageAndListsAreLeftUnanalysedByDesign() {
        QueryAnalysis a = analyzer.analyze(TWO_EVENTS);

        assertThat(a.stages()).extracting(StageAnalysis::command).containsExactly("event $login", "event $role", "join", "match",
                "condition");
        StageAnalysis login = a.stages().get(0);
        assertThat(IndicatorCollector.render(login.expression()))
                .isEqualTo("metadata.event_type eq USER_LOGIN AND NOT [not analysed: $login.principal.ip in %trusted_ranges]");
        assertThat(login.note()).as("a reference list is what the rule is, not a gap").isNull();
        assertThat(IndicatorCollector.render(a.stages().get(1).expression()))
                .isEqualTo("metadata.product_event_type eq AddRole OR metadata.product_event_type eq GrantRole");
        StageAnalysis join = a.stages().get(2);
        assertThat(join.text()).isEqualTo("$login.metadata.event_timestamp.seconds < $role.metadata.event_timestamp.seconds");
        assertThat(join.note()).isEqualTo("relates the events $login, $role");
        assertThat(a.groupBy()).containsExactly("target.user.userid");
    }

    @Test
    void aStatementThatCannotBeReadIsShownWithItsReasonAndTheOthersStillCount() {
        QueryAnalysis a = analyzer.analyze("""
                rule broken {
                  events:
                    $e.metadata.event_type = "PROCESS_LAUNCH"
                    $e.target.process.file.full_path = = "x"
                    $e.principal.hostname = "db01"
                  condition:
                    $e
                }
                """);

        assertThat(a.indicators()).extracting(Indicator::value).containsExactly("PROCESS_LAUNCH", "db01");
        assertThat(a.stages().get(0).note()).startsWith("partly not analysed: unexpected '='");
        assertThat(a.notes()).singleElement().asString().startsWith("a statement could not be read: unexpected '=' (UNEXPECTED at position");
    }

    @Test
    void aRuleThatIsNotYaralIsReportedNotAnalysed() {
        QueryAnalysis a = analyzer.analyze("rule unclosed {\n  events:\n    $e.x = \"y\"\n");

        assertThat(a.stages()).isEmpty();
        assertThat(a.notes()).containsExactly("the rule cannot be read: the '{' of rule unclosed is never closed (line 1)");
    }

    @Test
    void anEventWhoseStatementsOnlyBindPlaceholdersSaysSo() {
        QueryAnalysis a = analyzer.analyze("rule r {\n events:\n  $e.principal.ip = $ip\n condition:\n  $e\n}\n");

        assertThat(a.stages().get(0).expression()).isNull();
        assertThat(a.stages().get(0).note()).isEqualTo("binds placeholders only; it tests nothing of the event");
        assertThat(List.of(a.stages().get(0).text())).containsExactly("$e.principal.ip = $ip");
    }

    @Test
    void nothingIsLeftOpaqueInTheWellFormedRules() {
        for (String rule : List.of(ONE_EVENT, TWO_EVENTS)) {
            for (StageAnalysis s : analyzer.analyze(rule).stages()) {
                assertThat(s.expression() == null || Expr.firstGap(s.expression()) == null).isTrue();
                assertThat(s.partlyAnalysed()).isFalse();
            }
        }
    }
}
