package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sigma to KQL agrees with pySigma's Kusto backend: each case is a rule of its public test suite
 * (pySigma-backend-kusto, tests/test_backend_kusto.py) with the where-expression that suite expects. That suite maps
 * fields to Defender's (CommandLine to ProcessCommandLine) and names the table; the {@code kusto} target keeps the
 * rule's fields, so the expected text here has the rule's own field names and no table line.
 */
class SigmaToKqlTest {

    @AfterAll
    static void tally() {
        PySigmaTally.print();
    }


    static Conversion convert(String detection) {
        return Detections.convert(detection, Targets.KUSTO);
    }

    static String query(String detection) {
        return Detections.query(detection, Targets.KUSTO);
    }

    @Test
    void andOrAndInListsAreWrittenAsKustoWritesThem() {
        PySigmaTally.same("kusto", query("""
                sel:
                    CommandLine: valueA
                    User: valueB
                condition: sel
                """), "CommandLine =~ \"valueA\" and User =~ \"valueB\"");
        PySigmaTally.same("kusto", query("""
                sel1:
                    CommandLine: valueA
                sel2:
                    User: valueB
                condition: 1 of sel*
                """), "CommandLine =~ \"valueA\" or User =~ \"valueB\"");
        PySigmaTally.same("kusto", query("""
                sel:
                    CommandLine:
                        - valueA1
                        - valueA2
                    ProcessId:
                        - valueB1
                        - valueB2
                condition: sel
                """), "(CommandLine in~ (\"valueA1\", \"valueA2\")) and (ProcessId in~ (\"valueB1\", \"valueB2\"))");
        PySigmaTally.same("kusto", query("""
                sel1:
                    CommandLine: valueA1
                    ProcessId: valueB1
                sel2:
                    CommandLine: valueA2
                    ProcessId: valueB2
                condition: 1 of sel*
                """), "(CommandLine =~ \"valueA1\" and ProcessId =~ \"valueB1\") or (CommandLine =~ \"valueA2\" and ProcessId =~ \"valueB2\")");
        PySigmaTally.same("kusto", query("""
                sel:
                    CommandLine:
                        - valueA
                        - valueB
                        - valueC*
                condition: sel
                """), "CommandLine in~ (\"valueA\", \"valueB\") or CommandLine startswith \"valueC\"");
    }

    @Test
    void negationsGroupingAndEscapesFollowTheKustoBackend() {
        PySigmaTally.same("kusto", query("""
                selection:
                    Image:
                        - '*\\process.exe'
                    CommandLine:
                        - 'this'
                filter:
                    CommandLine:
                        - 'notthis'
                condition: selection and not filter
                """), "(Image endswith \"\\\\process.exe\" and CommandLine =~ \"this\") and (not(CommandLine =~ \"notthis\"))");
        PySigmaTally.same("kusto", query("""
                selection:
                    Image:
                        - '*\\powershell.exe'
                        - '*\\pwsh.exe'
                    DestinationHostname:
                        - '*pastebin.com*'
                        - '*anothersite.com*'
                condition: selection
                """), "(Image endswith \"\\\\powershell.exe\" or Image endswith \"\\\\pwsh.exe\") and (DestinationHostname contains"
                + " \"pastebin.com\" or DestinationHostname contains \"anothersite.com\")");
        PySigmaTally.same("kusto", query("""
                selection:
                    Image|endswith: '\\schtasks.exe'
                    CommandLine|contains|all:
                        - ' /delete '
                        - '/tn \\*'
                        - ' /f'
                condition: selection
                """), "Image endswith \"\\\\schtasks.exe\" and (CommandLine contains \" /delete \" and CommandLine contains \"/tn *\""
                + " and CommandLine contains \" /f\")");
    }

    @Test
    void numbersRegexAndCidrUseKustoOperators() {
        PySigmaTally.same("kusto", query("""
                sel:
                    EventID: 1
                condition: sel
                """), "EventID == 1");
        PySigmaTally.same("kusto", query("""
                sel:
                    CommandLine|re: 'foo.*bar'
                    ProcessId: foo
                condition: sel
                """), "CommandLine matches regex \"foo.*bar\" and ProcessId =~ \"foo\"");
        PySigmaTally.same("kusto", query("""
                sel:
                    SourceIp|cidr: 192.168.0.0/16
                condition: sel
                """), "ipv4_is_in_range(SourceIp, \"192.168.0.0/16\")");
    }
}
