package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.rulescope.indicator.IndicatorAnalysis;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.rule.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Sigma specification, one row per behaviour: every value modifier, wildcards and escapes, lists and maps, null,
 * keywords and each condition form, evaluated on a small event. Rows read {@code detection ;; event ;; fires}.
 */
class SigmaEvaluationTest {

    static final IndicatorAnalysis ANALYSIS = new IndicatorAnalysis(IndicatorAnalysis.shippedTaxonomy(),
            IndicatorAnalysis.shippedEventTables());
    static final EventReader READER = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());

    @ParameterizedTest(name = "{0} on {1} fires: {2}")
    @CsvSource(delimiterString = ";;", quoteCharacter = '^', textBlock = """
            {sel: {Image: 'C:\\Windows\\System32\\cmd.exe'}, condition: sel}        ;; {"Image": "c:\\\\windows\\\\system32\\\\CMD.EXE"} ;; true
            {sel: {Image: 'C:\\Windows\\System32\\cmd.exe'}, condition: sel}        ;; {"Image": "C:\\\\Windows\\\\cmd.exe"}             ;; false
            {sel: {Image|cased: 'CMD.exe'}, condition: sel}                          ;; {"Image": "cmd.exe"}                               ;; false
            {sel: {Image|cased: 'CMD.exe'}, condition: sel}                          ;; {"Image": "CMD.exe"}                               ;; true
            {sel: {CommandLine|contains: 'MiniDump'}, condition: sel}                ;; {"CommandLine": "rundll32 comsvcs.dll, minidump 6"} ;; true
            {sel: {Image|startswith: 'C:\\Users\\'}, condition: sel}                 ;; {"Image": "C:\\\\Users\\\\x\\\\a.exe"}           ;; true
            {sel: {Image|startswith: 'C:\\Users\\'}, condition: sel}                 ;; {"Image": "D:\\\\C:\\\\Users\\\\a.exe"}          ;; false
            {sel: {Image|endswith: '\\rundll32.exe'}, condition: sel}                ;; {"Image": "C:\\\\Windows\\\\rundll32.exe"}       ;; true
            {sel: {Image|endswith: '\\rundll32.exe'}, condition: sel}                ;; {"Image": "C:\\\\Windows\\\\rundll32.exe.bak"}   ;; false
            {sel: {Image: '*\\cmd.e?e'}, condition: sel}                              ;; {"Image": "C:\\\\x\\\\cmd.eXe"}                 ;; true
            {sel: {Image: '*\\cmd.e?e'}, condition: sel}                              ;; {"Image": "C:\\\\x\\\\cmd.exxe"}                ;; false
            {sel: {CommandLine: 'a*b*c'}, condition: sel}                             ;; {"CommandLine": "a--b--c"}                       ;; true
            {sel: {CommandLine: 'a*b*c'}, condition: sel}                             ;; {"CommandLine": "a--c--b"}                       ;; false
            {sel: {CommandLine: 'a\\*b'}, condition: sel}                             ;; {"CommandLine": "a*b"}                           ;; true
            {sel: {CommandLine: 'a\\*b'}, condition: sel}                             ;; {"CommandLine": "axxb"}                          ;; false
            {sel: {CommandLine: 'what\\?'}, condition: sel}                           ;; {"CommandLine": "whatx"}                         ;; false
            {sel: {CommandLine|contains|all: [' -w ', 'hidden']}, condition: sel}     ;; {"CommandLine": "ps -w hidden"}                  ;; true
            {sel: {CommandLine|contains|all: [' -w ', 'hidden']}, condition: sel}     ;; {"CommandLine": "ps -w normal"}                  ;; false
            {sel: {Image|endswith: ['\\a.exe', '\\b.exe']}, condition: sel}           ;; {"Image": "C:\\\\b.exe"}                         ;; true
            {sel: {Image|endswith: '\\a.exe', User: 'bob'}, condition: sel}           ;; {"Image": "C:\\\\a.exe", "User": "alice"}        ;; false
            {sel: {CommandLine|windash|contains: ' -enc '}, condition: sel}           ;; {"CommandLine": "powershell /enc AAA"}           ;; true
            {sel: {CommandLine|windash|contains: ' -enc '}, condition: sel}           ;; {"CommandLine": "powershell \\u2013enc AAA"}     ;; true
            {sel: {CommandLine|windash|contains: ' -enc '}, condition: sel}           ;; {"CommandLine": "powershell +enc AAA"}           ;; false
            {sel: {CommandLine|base64: 'abc'}, condition: sel}                        ;; {"CommandLine": "YWJj"}                          ;; true
            {sel: {CommandLine|base64offset|contains: 'http'}, condition: sel}        ;; {"CommandLine": "x aHR0cDovL2V2aWw="}            ;; true
            {sel: {CommandLine|base64offset|contains: 'http'}, condition: sel}        ;; {"CommandLine": "x IGh0dHA6Ly9ldmls"}            ;; true
            {sel: {CommandLine|base64offset|contains: 'http'}, condition: sel}        ;; {"CommandLine": "x ICBodHRwOi8vZXZpbA=="}        ;; true
            {sel: {CommandLine|base64offset|contains: 'http'}, condition: sel}        ;; {"CommandLine": "x aGVsbG8="}                    ;; false
            {sel: {CommandLine|utf16le|base64offset|contains: 'IEX'}, condition: sel} ;; {"CommandLine": "-enc SQBFAFgAIAAoAE4A"}         ;; true
            {sel: {CommandLine|wide|base64offset|contains: 'IEX'}, condition: sel}    ;; {"CommandLine": "-enc SQBFAFgAIAAoAE4A"}         ;; true
            {sel: {CommandLine|re: '^cmd\\.exe /c [a-z]+$'}, condition: sel}          ;; {"CommandLine": "cmd.exe /c whoami"}             ;; true
            {sel: {CommandLine|re: '^cmd\\.exe /c [a-z]+$'}, condition: sel}          ;; {"CommandLine": "CMD.exe /c whoami"}             ;; false
            {sel: {CommandLine|re|i: '^cmd\\.exe /c [a-z]+$'}, condition: sel}        ;; {"CommandLine": "CMD.exe /c WHOAMI"}             ;; true
            {sel: {CommandLine|re: 'whoami'}, condition: sel}                         ;; {"CommandLine": "cmd /c whoami /all"}            ;; true
            {sel: {CommandLine|re|m: '^whoami$'}, condition: sel}                     ;; {"CommandLine": "cmd\\nwhoami\\nexit"}           ;; true
            {sel: {CommandLine|re: '^whoami$'}, condition: sel}                       ;; {"CommandLine": "cmd\\nwhoami\\nexit"}           ;; false
            {sel: {CommandLine|re|s: 'cmd.whoami'}, condition: sel}                   ;; {"CommandLine": "cmd\\nwhoami"}                  ;; true
            {sel: {DestinationIp|cidr: '10.0.0.0/8'}, condition: sel}                ;; {"DestinationIp": "10.20.30.40"}                 ;; true
            {sel: {DestinationIp|cidr: '10.0.0.0/8'}, condition: sel}                ;; {"DestinationIp": "11.0.0.1"}                    ;; false
            {sel: {DestinationIp|cidr: 'fe80::/10'}, condition: sel}                 ;; {"DestinationIp": "fe80::1"}                     ;; true
            {sel: {DestinationIp|cidr: 'fe80::/10'}, condition: sel}                 ;; {"DestinationIp": "not-an-ip"}                   ;; false
            {sel: {LogonType|gte: 10}, condition: sel}                                ;; {"LogonType": "10"}                              ;; true
            {sel: {LogonType|gt: 10}, condition: sel}                                 ;; {"LogonType": "10"}                              ;; false
            {sel: {LogonType|lt: 3}, condition: sel}                                  ;; {"LogonType": "2"}                               ;; true
            {sel: {LogonType|lte: 3}, condition: sel}                                 ;; {"LogonType": "x"}                               ;; false
            {sel: {ParentImage|exists: true}, condition: sel}                         ;; {"ParentImage": "C:\\\\p.exe"}                   ;; true
            {sel: {ParentImage|exists: true}, condition: sel}                         ;; {"Image": "C:\\\\p.exe"}                         ;; false
            {sel: {ParentImage|exists: false}, condition: sel}                        ;; {"Image": "C:\\\\p.exe"}                         ;; true
            {sel: {ParentImage|fieldref: Image}, condition: sel}                      ;; {"Image": "C:\\\\p.exe", "ParentImage": "c:\\\\P.exe"} ;; true
            {sel: {ParentImage|fieldref: Image}, condition: sel}                      ;; {"Image": "C:\\\\p.exe", "ParentImage": "C:\\\\q.exe"} ;; false
            {sel: {CommandLine: null}, condition: sel}                                ;; {"Image": "a.exe"}                               ;; true
            {sel: {CommandLine: null}, condition: sel}                                ;; {"CommandLine": "x"}                             ;; false
            {sel: {CommandLine: ''}, condition: sel}                                  ;; {"CommandLine": ""}                              ;; true
            {sel: {EventID: 4688}, condition: sel}                                    ;; {"EventID": 4688}                                ;; true
            {keywords: ['sekurlsa::', mimikatz], condition: keywords}                 ;; {"Msg": "ran SEKURLSA::logonpasswords"}          ;; true
            {keywords: ['sekurlsa::', mimikatz], condition: keywords}                 ;; {"Msg": "logon"}                                 ;; false
            {sel: {Image|endswith: '\\a.exe'}, filter: {User: bob}, condition: sel and not filter}   ;; {"Image": "a\\\\a.exe", "User": "bob"} ;; false
            {sel: {Image|endswith: '\\a.exe'}, filter: {User: bob}, condition: sel and not filter}   ;; {"Image": "a\\\\a.exe", "User": "eve"} ;; true
            {sel_a: {User: x}, sel_b: {Image: y}, condition: 1 of sel_*}              ;; {"Image": "Y"}                                   ;; true
            {sel_a: {User: x}, sel_b: {Image: y}, condition: all of sel_*}            ;; {"Image": "Y"}                                   ;; false
            {sel_a: {User: x}, sel_b: {Image: y}, condition: all of them}             ;; {"Image": "y", "User": "X"}                      ;; true
            {a: {User: x}, b: {Image: y}, c: {Host: z}, condition: a and (b or c)}    ;; {"User": "x", "Host": "z"}                       ;; true
            {a: {User: x}, b: {Image: y}, c: {Host: z}, condition: a and (b or c)}    ;; {"Host": "z"}                                    ;; false
            {a: {User: x}, b: {Image: y}, condition: not a and not b}                 ;; {"Host": "z"}                                    ;; true
            {a: {process.executable: '*\\x.exe'}, condition: a}                       ;; {"process": {"executable": "C:\\\\x.exe"}}       ;; true
            {a: {Image: '*\\x.exe'}, condition: a}                                    ;; {"process": {"executable": "C:\\\\x.exe"}}       ;; true
            {a: {Image: '*\\x.exe'}, condition: a}                                    ;; {"NewProcessName": "C:\\\\x.exe"}                ;; true
            """)
    void sigmaDetectionsEvaluateAsTheSpecificationSays(String detection, String event, boolean fires) {
        EventMatcher matcher = matcherFor(detection, null, null, null);
        LoggedEvent e = READER.read(event);
        assertThat(matcher.fires(e)).as("prefiltered").hasSize(fires ? 1 : 0);
        assertThat(matcher.firesWithoutPrefilter(e)).as("every rule").hasSize(fires ? 1 : 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = ";;", quoteCharacter = '^', textBlock = """
            {sel: {Image|expand: '%folder%\\a.exe'}, condition: sel}    ;; holds an expand placeholder
            {sel: {Image|nosuch: 'a'}, condition: sel}                   ;; the modifier |nosuch is not one Rulescope evaluates
            """)
    void detectionsThatCannotBeEvaluatedOnOneEventSaySoInsteadOfGuessing(String detection, String reason) {
        EventMatcher matcher = matcherFor(detection, null, null, null);
        RuleTrace trace = matcher.trace(matcher.rule(0), READER.read("Image=a.exe"));
        assertThat(trace.notEvaluated()).contains(reason.strip());
        assertThat(trace.fires()).isFalse();
    }

    @ParameterizedTest(name = "a {0}/{1} rule on {2}: {3}")
    @CsvSource(delimiterString = ";;", textBlock = """
            windows ;; process_creation ;; EventID=1\\nChannel=Microsoft-Windows-Sysmon/Operational\\nImage=C:\\\\a.exe ;; fires
            windows ;; process_creation ;; EventID=13\\nChannel=Microsoft-Windows-Sysmon/Operational\\nImage=C:\\\\a.exe ;; near
            windows ;; process_creation ;; EventID=4688\\nChannel=Security\\nNewProcessName=C:\\\\a.exe ;; fires
            windows ;; registry_event ;; EventID=13\\nChannel=Microsoft-Windows-Sysmon/Operational\\nImage=C:\\\\a.exe ;; fires
            linux ;; process_creation ;; EventID=1\\nChannel=Microsoft-Windows-Sysmon/Operational\\nImage=C:\\\\a.exe ;; near
            windows ;; process_creation ;; Image=C:\\\\a.exe ;; fires
            """)
    void aRuleFiresOnlyWhenItsLogSourceFitsTheEvents(String product, String category, String event, String outcome) {
        EventMatcher matcher = matcherFor("{sel: {Image|endswith: '\\a.exe'}, condition: sel}", product.strip(), category.strip(), null);
        MatchResult result = matcher.match(READER.read(event.strip().replace("\\n", "\n")), java.time.Duration.ofSeconds(5));
        assertThat(result.summary().evaluated()).as("rules whose log source fits").isEqualTo(outcome.strip().equals("fires") ? 1 : 0);
        if (outcome.strip().equals("fires")) {
            assertThat(result.fires()).hasSize(1);
            assertThat(result.summary().evaluatedByPlatform()).containsExactly(java.util.Map.entry("Sigma", 1));
        } else {
            assertThat(result.fires()).isEmpty();
            assertThat(result.near()).singleElement().satisfies(n -> assertThat(n.reason()).startsWith("the rule reads"));
        }
    }

    /** One Sigma rule with this detection (YAML flow style) and log source, compiled into a matcher of its own. */
    @SuppressWarnings("unchecked")
    static EventMatcher matcherFor(String detection, String product, String category, String service) {
        Map<String, Object> parsed = (Map<String, Object>) new org.yaml.snakeyaml.Yaml(
                new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(detection);
        Rule rule = new Rule("uid-1", "rule-1", false, "Test rule", io.rulescope.dialect.sigma.SigmaDialect.SIGMA);
        rule.setQuery(detection);
        rule.setDetection(parsed);
        rule.setLogsource(product, category, service);
        FieldTaxonomy taxonomy = ANALYSIS.taxonomy();
        IndicatorAnalysis.Analyzer analyzer = ANALYSIS.analyzer(Map.of());
        return EventMatcher.build(List.of(rule), analyzer::analyze, taxonomy);
    }
}
