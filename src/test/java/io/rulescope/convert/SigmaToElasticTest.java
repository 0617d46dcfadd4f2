package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static String lucene(String detection) {
        return Detections.query(detection, Detections.target("lucene"));
    }

    private static String eql(String detection) {
        return Detections.query(detection, Detections.target("eql"));
    }

    /**
     * The ES|QL query with its one deliberate difference from pySigma's undone: Rulescope compares text without case,
     * as Sigma does ({@code to_lower(fieldA)=="valuea"}), where pySigma compares with it. Compared ignoring case.
     */
    private static String esql(String detection) {
        return Detections.query(detection, Detections.target("esql")).replaceAll("to_lower\\(([^)]*)\\)", "$1");
    }

    @Test
    void luceneWritesAndOrListsAndGroupsAsPySigma() {
        assertThat(lucene(AND)).isEqualTo("fieldA:valueA AND fieldB:valueB");
        assertThat(lucene(OR)).isEqualTo("fieldA:valueA OR fieldB:valueB");
        assertThat(lucene(AND_OF_LISTS)).isEqualTo("(fieldA:(valueA1 OR valueA2)) AND (fieldB:(valueB1 OR valueB2))");
        assertThat(lucene(OR_OF_ANDS)).isEqualTo("(fieldA:valueA1 AND fieldB:valueB1) OR (fieldA:valueA2 AND fieldB:valueB2)");
        assertThat(lucene("""
                sel:
                    fieldA:
                        - valueA
                        - valueB
                        - valueC*
                condition: sel
                """)).isEqualTo("fieldA:(valueA OR valueB OR valueC*)");
        assertThat(lucene("""
                sel:
                    fieldA:
                        - valueA
                        - ''
                condition: sel
                """)).isEqualTo("fieldA:(valueA OR \"\")");
        assertThat(lucene(ANGLE_BRACKETS)).isEqualTo("(OriginalFileName:Cmd.exe OR Image:*\\\\cmd.exe) AND (CommandLine:(*\\<* OR *\\>*))");
    }

    @Test
    void luceneWritesRegexCidrNullsAndSpacesAsPySigma() {
        assertThat(lucene("""
                sel:
                    fieldA|re: 127\\.0\\.0\\.1:[1-9]\\d{3}
                    fieldB: foo
                    fieldC|re: foo/bar
                condition: sel
                """)).as("Lucene's regexp matches the whole value, Sigma's anywhere in it: .* is added, unlike pySigma's")
                .isEqualTo("fieldA:/.*127\\.0\\.0\\.1:[1-9]\\d{3}.*/ AND fieldB:foo AND fieldC:/.*foo\\/bar.*/");
        assertThat(lucene("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """)).isEqualTo("field:192.168.0.0\\/16");
        assertThat(lucene("""
                sel:
                    field name: value
                condition: sel
                """)).isEqualTo("field\\ name:value");
        assertThat(lucene(NULL_FILTERS.formatted("selection and not filter_1 and not filter_2")))
                .isEqualTo("FieldA:*valueA AND _exists_:FieldB AND (NOT FieldB:\"\")");
        assertThat(lucene(NULL_FILTERS.formatted("selection and filter_1 and not filter_2")))
                .isEqualTo("FieldA:*valueA AND (NOT _exists_:FieldB) AND (NOT FieldB:\"\")");
        assertThat(lucene(NULL_FILTERS.formatted("selection and (not filter_1 or not filter_2)")))
                .isEqualTo("FieldA:*valueA AND (_exists_:FieldB OR (NOT FieldB:\"\"))");
        assertThat(lucene(NULL_FILTERS.formatted("selection and not 1 of filter_*")))
                .isEqualTo("FieldA:*valueA AND (NOT ((NOT _exists_:FieldB) OR FieldB:\"\"))");
        assertThat(lucene("""
                filter:
                    Field: null
                condition: not filter
                """)).isEqualTo("_exists_:Field");
    }

    @Test
    void eqlWritesMatchesListsAndGroupsAsPySigma() {
        assertThat(eql(AND)).isEqualTo("any where fieldA:\"valueA\" and fieldB:\"valueB\"");
        assertThat(eql(OR)).isEqualTo("any where fieldA:\"valueA\" or fieldB:\"valueB\"");
        assertThat(eql(AND_OF_LISTS)).isEqualTo("any where (fieldA like~ (\"valueA1\", \"valueA2\")) and (fieldB like~ (\"valueB1\", \"valueB2\"))");
        assertThat(eql(OR_OF_ANDS)).isEqualTo("any where (fieldA:\"valueA1\" and fieldB:\"valueB1\") or (fieldA:\"valueA2\" and fieldB:\"valueB2\")");
        assertThat(eql("""
                sel:
                    fieldA: valueA
                    fieldB: ''
                condition: sel
                """)).isEqualTo("any where fieldA:\"valueA\" and fieldB==\"\"");
        assertThat(eql("""
                sel:
                    field|contains:
                        - 'valueA\\'
                        - 'valueB\\'
                condition: sel
                """)).isEqualTo("any where field like~ (\"*valueA\\\\*\", \"*valueB\\\\*\")");
        assertThat(eql(ANGLE_BRACKETS)).isEqualTo("any where (OriginalFileName:\"Cmd.exe\" or Image:\"*\\\\cmd.exe\") and (CommandLine like~ (\"*<*\", \"*>*\"))");
        assertThat(eql("""
                sel:
                    fieldname|windash|contains:
                        - "-param-name"
                condition: sel
                """)).isEqualTo("any where fieldname like~ (\"*-param-name*\", \"*/param-name*\", \"*–param-name*\", \"*—param-name*\", \"*―param-name*\")");
    }

    @Test
    void eqlWritesRegexCidrAndNullsAsPySigma() {
        assertThat(eql("""
                sel:
                    fieldA|re: 127\\.0\\.0\\.1:[1-9]\\d{3}
                    fieldB: foo
                    fieldC|re: foo/bar
                condition: sel
                """)).as("an EQL string reads a backslash as an escape, and EQL's regex matches the whole value: the regex's backslashes"
                        + " are doubled and .* added, unlike pySigma's")
                .isEqualTo("any where fieldA regex~ \".*127\\\\.0\\\\.0\\\\.1:[1-9]\\\\d{3}.*\" and fieldB:\"foo\" and fieldC regex~ \".*foo/bar.*\"");
        assertThat(eql("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """)).isEqualTo("any where cidrMatch(field, \"192.168.0.0/16\")");
        assertThat(eql("""
                sel:
                    field name: value
                condition: sel
                """)).isEqualTo("any where `field name`:\"value\"");
        assertThat(eql(NULL_FILTERS.formatted("selection and not filter_1 and not filter_2")))
                .isEqualTo("any where FieldA:\"*valueA\" and ?FieldB != null and (not FieldB==\"\")");
        assertThat(eql(NULL_FILTERS.formatted("selection and filter_1 and not filter_2")))
                .isEqualTo("any where FieldA:\"*valueA\" and (?FieldB == null) and (not FieldB==\"\")");
        assertThat(eql(NULL_FILTERS.formatted("selection and (not filter_1 or not filter_2)")))
                .isEqualTo("any where FieldA:\"*valueA\" and (?FieldB != null or (not FieldB==\"\"))");
        assertThat(eql(NULL_FILTERS.formatted("selection and (filter_1 or not filter_2)")))
                .isEqualTo("any where FieldA:\"*valueA\" and ((?FieldB == null) or (not FieldB==\"\"))");
        assertThat(eql(NULL_FILTERS.formatted("selection and not 1 of filter_*")))
                .isEqualTo("any where FieldA:\"*valueA\" and (not ((?FieldB == null) or FieldB==\"\"))");
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
        assertThat(esql(AND)).isEqualToIgnoringCase(from + "fieldA==\"valueA\" and fieldB==\"valueB\"");
        assertThat(esql(OR)).isEqualToIgnoringCase(from + "fieldA==\"valueA\" or fieldB==\"valueB\"");
        assertThat(esql(AND_OF_LISTS)).isEqualToIgnoringCase(from + "(fieldA in (\"valueA1\", \"valueA2\")) and (fieldB in (\"valueB1\", \"valueB2\"))");
        assertThat(esql(OR_OF_ANDS)).isEqualToIgnoringCase(from + "fieldA==\"valueA1\" and fieldB==\"valueB1\" or fieldA==\"valueA2\" and fieldB==\"valueB2\"");
        assertThat(esql("""
                sel:
                    fieldA:
                        - valueA
                        - valueB
                        - valueC
                condition: sel
                """)).isEqualToIgnoringCase(from + "fieldA in (\"valueA\", \"valueB\", \"valueC\")");
        assertThat(esql("""
                sel:
                    fieldA:
                        - 'val*ue\\\\A"'
                        - "*value\\\\B"
                        - "value\\\\C*"
                condition: sel
                """)).as("a backslash in a like pattern is escaped for LIKE too, unlike pySigma's, which LIKE would read as an escape")
                .isEqualToIgnoringCase(from + "fieldA like \"val*ue\\\\\\\\A\\\"\" or ends_with(fieldA, \"value\\\\B\") or starts_with(fieldA, \"value\\\\C\")");
        assertThat(esql("""
                sel:
                    fieldA|re: "foo.*bar"
                    fieldB: foo
                condition: sel
                """)).as("RLIKE matches the whole value, Sigma's regex anywhere in it: .* is added, unlike pySigma's")
                .isEqualToIgnoringCase(from + "fieldA rlike \".*foo.*bar.*\" and fieldB==\"foo\"");
        assertThat(esql("""
                sel:
                    field|cidr: 192.168.0.0/16
                condition: sel
                """)).isEqualToIgnoringCase(from + "cidr_match(field, \"192.168.0.0/16\")");
        assertThat(esql("""
                sel:
                    field name: value
                condition: sel
                """)).isEqualToIgnoringCase(from + "`field name`==\"value\"");
    }
}
