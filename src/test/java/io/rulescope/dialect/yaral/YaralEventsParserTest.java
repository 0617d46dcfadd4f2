package io.rulescope.dialect.yaral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.query.Expr;
import io.rulescope.query.IndicatorCollector;
import io.rulescope.query.Predicate;

/** How each statement of an events section reads, as the rule page renders it; checked by hand. */
class YaralEventsParserTest {

    @ParameterizedTest(name = "{0}  =>  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            $e.metadata.event_type = "PROCESS_LAUNCH"                 | metadata.event_type eq PROCESS_LAUNCH          | cased
            "PROCESS_LAUNCH" = $e.metadata.event_type                 | metadata.event_type eq PROCESS_LAUNCH          | cased
            $e.target.process.file.full_path != "a.exe" nocase        | NOT target.process.file.full_path eq a.exe     |
            $e.network.http.response_code >= 400                      | network.http.response_code gte 400             |
            400 < $e.network.http.response_code                       | network.http.response_code gt 400              |
            $e.target.url = /\\/admin\\// nocase                       | target.url re \\/admin\\/                        | i
            re.regex($e.target.url, `^https://x/.*$`)                 | target.url re ^https://x/.*$                   |
            strings.contains(strings.to_lower($e.principal.process.command_line), "-enc") | principal.process.command_line contains -enc |
            strings.contains($e.principal.process.command_line, "-Enc") | principal.process.command_line contains -Enc | cased
            strings.to_lower($e.target.user.userid) = "admin"          | target.user.userid eq admin                   |
            net.ip_in_range_cidr($e.principal.ip, "10.0.0.0/8")       | principal.ip cidr 10.0.0.0/8                   |
            not net.ip_in_range_cidr($e.principal.ip, "10.0.0.0/8")   | NOT principal.ip cidr 10.0.0.0/8               |
            any $e.target.resource.attribute.labels.value = "ADD"     | target.resource.attribute.labels.value eq ADD  | cased
            $e.principal.ip[0] = "1.2.3.4"                            | principal.ip eq 1.2.3.4                        | cased
            $e.target.labels["App Id"] = "x"                          | target.labels["App Id"] eq x                   | cased
            $e.principal.hostname = $e.target.hostname                | principal.hostname fieldref target.hostname    |
            ($e.a = "x" or $e.a = "y") and not $e.b = "z"             | (a eq x OR a eq y) AND NOT b eq z              | cased
            $e.a = "x" or $e.a = "y" and $e.b = "z"                   | a eq x OR (a eq y AND b eq z)                  | cased
            $e.user in %admins                                        | [not analysed: $e.user in %admins]             |
            $e.user not in regex %admins nocase                       | NOT [not analysed: $e.user not in regex %admins nocase] |
            $a.ts < $b.ts                                             | [not analysed: $a.ts < $b.ts]                  |
            $e.a.seconds - $e.b.seconds > 300                         | [not analysed: $e.a.seconds - $e.b.seconds > 300] |
            strings.coalesce($e.a, $e.b) = "x"                        | [not analysed: strings.coalesce($e.a, $e.b) = "x"] |
            """)
    void aStatementReadsAsTheTestItWrites(String statement, String reading, String modifier) {
        List<YaralEventsParser.Statement> statements = YaralEventsParser.parse(statement);

        assertThat(statements).hasSize(1);
        Expr expr = statements.get(0).expr();
        assertThat(IndicatorCollector.render(expr)).isEqualTo(reading);
        Expr leaf = expr instanceof Expr.Not n ? n.inner() : expr;
        if (leaf instanceof Expr.Leaf l) {
            Predicate p = l.predicate();
            assertThat(p.modifiers()).containsExactlyElementsOf(modifier == null ? List.of() : List.of(modifier));
        }
    }

    @ParameterizedTest(name = "{0} binds {1} to {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $e.principal.user.userid = $user                                     | $user    | principal.user.userid
            $user = $e.principal.user.userid                                     | $user    | principal.user.userid
            re.capture($e.target.url, `groups/(.*)/members`) = $group            | $group   |
            """)
    void aBindingNamesItsPlaceholderAndFilterNothing(String statement, String placeholder, String field) {
        YaralEventsParser.Statement s = YaralEventsParser.parse(statement).get(0);

        assertThat(s.binds()).isTrue();
        assertThat(s.placeholder()).isEqualTo(placeholder);
        assertThat(s.boundField()).isEqualTo(field);
        assertThat(s.expr()).isInstanceOfSatisfying(Expr.Opaque.class, o -> assertThat(o.byDesign()).isTrue());
    }

    @org.junit.jupiter.api.Test
    void aStatementGoesOnOverLinesInsideParenthesesAndBesideOperators() {
        List<YaralEventsParser.Statement> statements = YaralEventsParser.parse("""
                $e.a = "1" or
                    $e.a = "2"
                (
                  $e.b = "3" // three
                  or $e.b = "4"
                )
                $e.c = "5"
                """);

        assertThat(statements).extracting(s -> IndicatorCollector.render(s.expr()))
                .containsExactly("a eq 1 OR a eq 2", "b eq 3 OR b eq 4", "c eq 5");
        assertThat(statements).extracting(YaralEventsParser.Statement::events).allSatisfy(e -> assertThat(e).containsExactly("e"));
    }
}
