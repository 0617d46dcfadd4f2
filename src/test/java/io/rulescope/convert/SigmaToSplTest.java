package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sigma to SPL agrees with pySigma's Splunk backend: each case is a rule of its public test suite
 * (pySigma-backend-splunk, tests/test_backend_splunk.py) and the query that suite says it becomes.
 */
class SigmaToSplTest {

    @AfterAll
    static void tally() {
        PySigmaTally.print();
    }


    static Conversion convert(String detection) {
        return Detections.convert(detection, Targets.SPLUNK);
    }

    static String query(String detection) {
        return Detections.query(detection, Targets.SPLUNK);
    }

    @Test
    void fieldsOfOneSelectionAreJoinedBySpaces() {
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA: valueA
                    fieldB: valueB
                condition: sel
                """), "fieldA=\"valueA\" fieldB=\"valueB\"");
    }

    @Test
    void oneOfSeveralSelectionsIsAnOr() {
        PySigmaTally.same("splunk", query("""
                sel1:
                    fieldA: valueA
                sel2:
                    fieldB: valueB
                condition: 1 of sel*
                """), "fieldA=\"valueA\" OR fieldB=\"valueB\"");
    }

    @Test
    void severalValuesOfAFieldAreAnInList() {
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA:
                        - valueA1
                        - valueA2
                    fieldB:
                        - valueB1
                        - valueB2
                condition: sel
                """), "fieldA IN (\"valueA1\", \"valueA2\") fieldB IN (\"valueB1\", \"valueB2\")");
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA:
                        - valueA
                        - valueB
                        - valueC*
                condition: sel
                """), "fieldA IN (\"valueA\", \"valueB\", \"valueC*\")");
    }

    @Test
    void anAndInsideAnOrIsParenthesised() {
        PySigmaTally.same("splunk", query("""
                sel1:
                    fieldA: valueA1
                    fieldB: valueB1
                sel2:
                    fieldA: valueA2
                    fieldB: valueB2
                condition: 1 of sel*
                """), "(fieldA=\"valueA1\" fieldB=\"valueB1\") OR (fieldA=\"valueA2\" fieldB=\"valueB2\")");
    }

    @Test
    void aFieldNameWithWhitespaceIsQuoted() {
        PySigmaTally.same("splunk", query("""
                sel:
                    field name: valueA
                condition: sel
                """), "\"field name\"=\"valueA\"");
    }

    @Test
    void aRegularExpressionBecomesARegexCommandAfterTheSearch() {
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA|re: foo.*bar
                    fieldB: foo
                    fieldC: bar
                condition: sel
                """), "fieldB=\"foo\" fieldC=\"bar\"\n| regex fieldA=\"foo.*bar\"");
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA|re: foo.*bar
                condition: sel
                """), "*\n| regex fieldA=\"foo.*bar\"");
    }

    @Test
    void oredRegularExpressionsAreNamedAsUnsupported() {
        assertThat(convert("""
                sel:
                    fieldA|re:
                        - foo.*bar
                        - boo.*foo
                    fieldB: foo
                condition: sel
                """).unsupported()).anyMatch(u -> u.startsWith("ORing regular expressions"));
        assertThat(convert("""
                sel1:
                    fieldA|re: foo.*bar
                sel2:
                    fieldB|re: boo.*foo
                condition: sel1 or sel2
                """).unsupported()).anyMatch(u -> u.startsWith("ORing regular expressions"));
    }

    @Test
    void aCidrRangeBecomesAWhereCidrmatchAndCannotBeOred() {
        PySigmaTally.same("splunk", query("""
                sel:
                    fieldA|cidr: 192.168.0.0/16
                    fieldB: foo
                    fieldC: bar
                condition: sel
                """), "fieldB=\"foo\" fieldC=\"bar\"\n| where cidrmatch(\"192.168.0.0/16\", fieldA)");
        assertThat(convert("""
                sel:
                    fieldA|cidr:
                        - 192.168.0.0/16
                        - 10.0.0.0/8
                    fieldB: foo
                condition: sel
                """).unsupported()).anyMatch(u -> u.startsWith("ORing CIDR matching"));
    }

    @Test
    void modifiersBecomeWildcardsAndBackslashesAreEscaped() {
        PySigmaTally.same("splunk", query("""
                sel:
                    Image|endswith: '\\rundll32.exe'
                    CommandLine|contains|all:
                        - comsvcs
                        - MiniDump
                filter:
                    ParentImage|startswith: 'C:\\Windows\\'
                condition: sel and not filter
                """), "Image=\"*\\\\rundll32.exe\" CommandLine=\"*comsvcs*\" CommandLine=\"*MiniDump*\""
                + " NOT ParentImage=\"C:\\\\Windows\\\\*\"");
    }

    @Test
    void windashGivesEveryDashAFormAndCasedIsNamed() {
        PySigmaTally.same("splunk", query("""
                sel:
                    CommandLine|windash|contains: ' -enc '
                condition: sel
                """), "CommandLine IN (\"* -enc *\", \"* /enc *\", \"* –enc *\", \"* —enc *\", \"* ―enc *\")");
        assertThat(convert("""
                sel:
                    CommandLine|cased: Invoke
                condition: sel
                """).unsupported()).anyMatch(u -> u.contains("|cased"));
    }
}
