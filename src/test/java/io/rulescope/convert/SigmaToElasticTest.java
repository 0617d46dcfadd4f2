package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sigma to Elastic's three languages agrees with pySigma's Elasticsearch backends: each case is a rule of their public
 * test suites (pySigma-backend-elasticsearch, tests/test_backend_elasticsearch_lucene.py, _eql.py and _esql.py) with
 * the query that suite expects, rule fields as written. Where a case differs on purpose the test says so.
 */
class SigmaToElasticTest {

    private static final String AND = """
            sel:
                fieldA: valueA
                fieldB: valueB
            condition: sel
            """;

    private static final String OR = """
            sel1:
                fieldA: valueA
            sel2:
                fieldB: valueB
            condition: 1 of sel*
            """;

    private static final String AND_OF_LISTS = """
            sel:
                fieldA:
                    - valueA1
                    - valueA2
                fieldB:
                    - valueB1
                    - valueB2
            condition: sel
            """;

    private static final String OR_OF_ANDS = """
            sel1:
                fieldA: valueA1
                fieldB: valueB1
            sel2:
                fieldA: valueA2
                fieldB: valueB2
            condition: 1 of sel*
            """;

    private static final String NULL_FILTERS = """
            selection:
                FieldA|endswith: 'valueA'
            filter_1:
                FieldB: null
            filter_2:
                FieldB: ''
            condition: %s
            """;

    private static final String ANGLE_BRACKETS = """
            selection_cmd:
                - OriginalFileName: 'Cmd.exe'
                - Image|endswith: '\\cmd.exe'
            selection_cli:
                - CommandLine|contains: '<'
                - CommandLine|contains: '>'
            condition: all of selection_*
            """;

    @AfterAll
    static void tally() {
        PySigmaTally.print();
    }

    private static String lucene(String detection) {
        return Detections.query(detection, Detections.target("lucene"));
    }

    private static String eql(String detection) {
        return Detections.query(detection, Detections.target("eql"));
    }

    private static String esql(String detection) {
        return Detections.query(detection, Detections.target("esql"));
    }

    @Test
    void luceneWritesAndOrListsAndGroupsAsPySigma() {
        PySigmaTally.same("lucene", lucene(AND), "fieldA:valueA AND fieldB:valueB");
        PySigmaTally.same("lucene", lucene(OR), "fieldA:valueA OR fieldB:valueB");
        PySigmaTally.same("lucene", lucene(AND_OF_LISTS), "(fieldA:(valueA1 OR valueA2)) AND (fieldB:(valueB1 OR valueB2))");
        PySigmaTally.same("lucene", lucene(OR_OF_ANDS), "(fieldA:valueA1 AND fieldB:valueB1) OR (fieldA:valueA2 AND fieldB:valueB2)");
        PySigmaTally.same("lucene", lucene("""
                sel:
                    fieldA:
                        - valueA
                        - valueB
                        - valueC*
                condition: sel
                """), "fieldA:(valueA OR valueB OR valueC*)");
        PySigmaTally.same("lucene", lucene("""
                sel:
                    fieldA:
                        - valueA
                        - ''
                condition: sel
                """), "fieldA:(valueA OR \"\")");
        PySigmaTally.same("lucene", lucene(ANGLE_BRACKETS), "(OriginalFileName:Cmd.exe OR Image:*\\\\cmd.exe) AND (CommandLine:(*\\<* OR *\\>*))");
    }

    @Test
    void luceneWritesRegexCidrNullsAndSpacesAsPySigma() {
        PySigmaTally.deliberate("lucene", lucene("""
                sel:
                    fieldA|re: 127\\.0\\.0\\.1:[1-9]\\d{3}
                    fieldB: foo
                    fieldC|re: foo/bar
                condition: sel
                """), "fieldA:/127\\.0\\.0\\.1:[1-9]\\d{3}/ AND fieldB:foo AND fieldC:/foo\\/bar/",
                "fieldA:/.*127\\.0\\.0\\.1:[1-9]\\d{3}.*/ AND fieldB:foo AND fieldC:/.*foo\\/bar.*/",
                "Elastic's regexes match the whole value, Sigma's anywhere in it: .* is added");
        PySigmaTally.same("lucene", lucene("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """), "field:192.168.0.0\\/16");
        PySigmaTally.same("lucene", lucene("""
                sel:
                    field name: value
                condition: sel
                """), "field\\ name:value");
        PySigmaTally.same("lucene", lucene(NULL_FILTERS.formatted("selection and not filter_1 and not filter_2")), "FieldA:*valueA AND _exists_:FieldB AND (NOT FieldB:\"\")");
        PySigmaTally.same("lucene", lucene(NULL_FILTERS.formatted("selection and filter_1 and not filter_2")), "FieldA:*valueA AND (NOT _exists_:FieldB) AND (NOT FieldB:\"\")");
        PySigmaTally.same("lucene", lucene(NULL_FILTERS.formatted("selection and (not filter_1 or not filter_2)")), "FieldA:*valueA AND (_exists_:FieldB OR (NOT FieldB:\"\"))");
        PySigmaTally.same("lucene", lucene(NULL_FILTERS.formatted("selection and not 1 of filter_*")), "FieldA:*valueA AND (NOT ((NOT _exists_:FieldB) OR FieldB:\"\"))");
        PySigmaTally.same("lucene", lucene("""
                filter:
                    Field: null
                condition: not filter
                """), "_exists_:Field");
    }

    @Test
    void eqlWritesMatchesListsAndGroupsAsPySigma() {
        PySigmaTally.same("eql", eql(AND), "any where fieldA:\"valueA\" and fieldB:\"valueB\"");
        PySigmaTally.same("eql", eql(OR), "any where fieldA:\"valueA\" or fieldB:\"valueB\"");
        PySigmaTally.same("eql", eql(AND_OF_LISTS), "any where (fieldA like~ (\"valueA1\", \"valueA2\")) and (fieldB like~ (\"valueB1\", \"valueB2\"))");
        PySigmaTally.same("eql", eql(OR_OF_ANDS), "any where (fieldA:\"valueA1\" and fieldB:\"valueB1\") or (fieldA:\"valueA2\" and fieldB:\"valueB2\")");
        PySigmaTally.same("eql", eql("""
                sel:
                    fieldA: valueA
                    fieldB: ''
                condition: sel
                """), "any where fieldA:\"valueA\" and fieldB==\"\"");
        PySigmaTally.same("eql", eql("""
                sel:
                    field|contains:
                        - 'valueA\\'
                        - 'valueB\\'
                condition: sel
                """), "any where field like~ (\"*valueA\\\\*\", \"*valueB\\\\*\")");
        PySigmaTally.same("eql", eql(ANGLE_BRACKETS), "any where (OriginalFileName:\"Cmd.exe\" or Image:\"*\\\\cmd.exe\") and (CommandLine like~ (\"*<*\", \"*>*\"))");
        PySigmaTally.same("eql", eql("""
                sel:
                    fieldname|windash|contains:
                        - "-param-name"
                condition: sel
                """), "any where fieldname like~ (\"*-param-name*\", \"*/param-name*\", \"*–param-name*\", \"*—param-name*\", \"*―param-name*\")");
    }

    @Test
    void eqlWritesRegexCidrAndNullsAsPySigma() {
        PySigmaTally.deliberate("eql", eql("""
                sel:
                    fieldA|re: 127\\.0\\.0\\.1:[1-9]\\d{3}
                    fieldB: foo
                    fieldC|re: foo/bar
                condition: sel
                """), "any where fieldA regex~ \"127\\.0\\.0\\.1:[1-9]\\d{3}\" and fieldB:\"foo\" and fieldC regex~ \"foo\\/bar\"",
                "any where fieldA regex~ \".*127\\\\.0\\\\.0\\\\.1:[1-9]\\\\d{3}.*\" and fieldB:\"foo\" and fieldC regex~ \".*foo/bar.*\"",
                "an EQL string reads a backslash as an escape, so a regex's are doubled; Elastic's regexes match the whole value: .* is added");
        PySigmaTally.same("eql", eql("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """), "any where cidrMatch(field, \"192.168.0.0/16\")");
        PySigmaTally.same("eql", eql("""
                sel:
                    field name: value
                condition: sel
                """), "any where `field name`:\"value\"");
        PySigmaTally.same("eql", eql(NULL_FILTERS.formatted("selection and not filter_1 and not filter_2")), "any where FieldA:\"*valueA\" and ?FieldB != null and (not FieldB==\"\")");
        PySigmaTally.same("eql", eql(NULL_FILTERS.formatted("selection and filter_1 and not filter_2")), "any where FieldA:\"*valueA\" and (?FieldB == null) and (not FieldB==\"\")");
        PySigmaTally.same("eql", eql(NULL_FILTERS.formatted("selection and (not filter_1 or not filter_2)")), "any where FieldA:\"*valueA\" and (?FieldB != null or (not FieldB==\"\"))");
        PySigmaTally.same("eql", eql(NULL_FILTERS.formatted("selection and (filter_1 or not filter_2)")), "any where FieldA:\"*valueA\" and ((?FieldB == null) or (not FieldB==\"\"))");
        PySigmaTally.same("eql", eql(NULL_FILTERS.formatted("selection and not 1 of filter_*")), "any where FieldA:\"*valueA\" and (not ((?FieldB == null) or FieldB==\"\"))");
    }

    @Test
    void eqlNamesAKeywordInsteadOfWritingABareStringEqlRejects() {
        Conversion c = Detections.convert("""
                keywords:
                    - keywordA
                    - keywordB
                sel:
                    Field: x
                condition: sel and keywords
                """, Detections.target("eql"));
        assertThat(c.unsupported()).anySatisfy(u -> assertThat(u).contains("keywordA").contains("EQL needs"));
    }

    @Test
    void esqlWritesComparisonsListsAndPrecedenceAsPySigma() {
        String from = "from * metadata _id, _index, _version | where ";
        assertThat(Detections.query(AND, Detections.target("esql"))).isEqualTo(from + "to_lower(fieldA)==\"valuea\" and to_lower(fieldB)==\"valueb\"");
        assertThat(Detections.query("""
                sel:
                    fieldA|cased: valueA
                condition: sel
                """, Detections.target("esql"))).as("a cased value is compared as written").isEqualTo(from + "fieldA==\"valueA\"");
        PySigmaTally.sameButCaseless("esql", esql(AND), from + "fieldA==\"valueA\" and fieldB==\"valueB\"");
        PySigmaTally.sameButCaseless("esql", esql(OR), from + "fieldA==\"valueA\" or fieldB==\"valueB\"");
        PySigmaTally.sameButCaseless("esql", esql(AND_OF_LISTS), from + "(fieldA in (\"valueA1\", \"valueA2\")) and (fieldB in (\"valueB1\", \"valueB2\"))");
        PySigmaTally.sameButCaseless("esql", esql(OR_OF_ANDS), from + "fieldA==\"valueA1\" and fieldB==\"valueB1\" or fieldA==\"valueA2\" and fieldB==\"valueB2\"");
        PySigmaTally.sameButCaseless("esql", esql("""
                sel:
                    fieldA:
                        - valueA
                        - valueB
                        - valueC
                condition: sel
                """), from + "fieldA in (\"valueA\", \"valueB\", \"valueC\")");
        PySigmaTally.deliberate("esql", esql("""
                sel:
                    fieldA:
                        - 'val*ue\\\\A"'
                        - "*value\\\\B"
                        - "value\\\\C*"
                condition: sel
                """), from + "fieldA like \"val*ue\\\\A\\\"\" or ends_with(fieldA, \"value\\\\B\") or starts_with(fieldA, \"value\\\\C\")",
                from + "to_lower(fieldA) like \"val*ue\\\\\\\\a\\\"\" or ends_with(to_lower(fieldA), \"value\\\\b\") or starts_with(to_lower(fieldA), \"value\\\\c\")",
                "a backslash in a LIKE pattern is escaped for LIKE too, which reads one backslash as an escape; text compared without case");
        PySigmaTally.deliberate("esql", esql("""
                sel:
                    fieldA|re: "foo.*bar"
                    fieldB: foo
                condition: sel
                """), from + "fieldA rlike \"foo.*bar\" and fieldB==\"foo\"", from + "fieldA rlike \".*foo.*bar.*\" and to_lower(fieldB)==\"foo\"",
                "Elastic's regexes match the whole value, Sigma's anywhere in it: .* is added; text compared without case");
        PySigmaTally.same("esql", esql("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """), from + "cidr_match(field, \"192.168.0.0/16\")");
        PySigmaTally.sameButCaseless("esql", esql("""
                sel:
                    field name: value
                condition: sel
                """), from + "`field name`==\"value\"");
    }
}
