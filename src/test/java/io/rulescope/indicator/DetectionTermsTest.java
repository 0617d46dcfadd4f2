package io.rulescope.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.rulescope.query.Indicator;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;

/** What a rule detects, as terms that compare across vendors. */
class DetectionTermsTest {

    private static Indicator indicator(String field, String canonical, Kind kind, String value, Polarity polarity) {
        return new Indicator(field, null, canonical, kind, value, polarity, List.of(), false, 1, null);
    }

    private static List<String> keys(String field, String canonical, Kind kind, String value) {
        return DetectionTerms.of(List.of(indicator(field, canonical, kind, value, Polarity.MATCH))).stream()
                .map(DetectionTerms.Term::key).toList();
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            Image                                   | process.executable        | ENDSWITH | \\rundll32.exe                                     | leaf=rundll32.exe
            process.name                            | process.name              | EQ       | rundll32.exe                                      | leaf=rundll32.exe
            FileName                                | process.name              | EQ       | RUNDLL32.EXE                                      | leaf=rundll32.exe
            winlog.event_data.TargetImage           | winlog.event_data.TargetImage | WILDCARD | ?:\\WINDOWS\\system32\\lsass.exe                | target.process=lsass.exe
            TargetImage                             | target.process.executable | ENDSWITH | \\lsass.exe                                        | target.process=lsass.exe
            TargetObject                            | registry.path             | ENDSWITH | WDigest\\UseLogonCredential                        | leaf=uselogoncredential
            registry_value_name                     | registry_value_name       | EQ       | UseLogonCredential                                | leaf=uselogoncredential
            file_path                               | file.path                 | CONTAINS | \\Windows\\System32\\sethc.exe                     | leaf=sethc.exe
            eventName                               | eventName                 | EQ       | StopLogging                                       | action=stoplogging
            Operation                               | Operation                 | EQ       | Disable Strong Authentication.                    | action=disable strong authentication
            Properties                              | Properties                | CONTAINS | {1131f6ad-9c07-11d1-f79f-00c04fc2dcd2}            | properties=1131f6ad-9c07-11d1-f79f-00c04fc2dcd2
            """)
    void oneThingIsOneTermWhateverTheVendorCallsIt(String field, String canonical, Kind kind, String value, String key) {
        assertThat(keys(field, canonical, kind, value)).contains(key);
    }

    @Test
    void aCommandLineFragmentGivesItsWordsAndTheFileItNames() {
        assertThat(keys("CommandLine", "process.command_line", Kind.CONTAINS, "sekurlsa::logonpasswords"))
                .contains("command=sekurlsa::logonpasswords", "word=sekurlsa", "word=logonpasswords");
        assertThat(keys("process.args", "process.args", Kind.EQ, "C:\\Windows\\System32\\osk.exe")).contains("leaf=osk.exe");
        assertThat(keys("process", "process.command_line", Kind.CONTAINS, " -sc trustdmp")).contains("command=-sc", "command=trustdmp");
        assertThat(keys("CommandLine", "process.command_line", Kind.CONTAINS, "MiniDump")).containsExactly("word=minidump");
    }

    @Test
    void exclusionsAndLogChoosingBoilerplateAreNotWhatARuleDetects() {
        assertThat(DetectionTerms.of(List.of(
                indicator("Image", "process.executable", Kind.ENDSWITH, "\\WerFault.exe", Polarity.EXCLUDE),
                indicator("host.os.type", "host.os.type", Kind.EQ, "windows", Polarity.MATCH),
                indicator("event.type", "event.type", Kind.EQ, "start", Polarity.MATCH),
                indicator("sourcetype", "sourcetype", Kind.EQ, "aws:cloudtrail", Polarity.MATCH),
                indicator("EventID", "event.code", Kind.EQ, "4688", Polarity.MATCH)))).isEmpty();
    }
}
