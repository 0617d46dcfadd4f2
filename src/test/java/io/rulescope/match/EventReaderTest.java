package io.rulescope.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.rulescope.indicator.IndicatorAnalysis;

/** Windows events read as Sigma names their fields, whichever way they were dumped. */
class EventReaderTest {

    private static final EventReader READER = new EventReader(MatchProperties.DEFAULTS, IndicatorAnalysis.shippedEventTables());

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"Event": {"System": {"EventID": 1116, "Channel": "Microsoft-Windows-Windows Defender/Operational"},
              "EventData": {"Data": [{"#attributes": {"Name": "Threat Name"}, "#text": "HackTool:Win32/Mimikatz"},
                                     {"#attributes": {"Name": "Process Name"}, "#text": "C:\\\\x\\\\m.exe"}]}}}
            """,
            """
            <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><EventID>1116</EventID>
              <Channel>Microsoft-Windows-Windows Defender/Operational</Channel></System>
              <EventData><Data Name="Threat Name">HackTool:Win32/Mimikatz</Data><Data Name="Process Name">C:\\x\\m.exe</Data></EventData></Event>
            """ })
    void dataNamesWithSpacesAreReadWithoutThemAsSigmaWritesThem(String event) {
        LoggedEvent read = READER.read(event);

        assertThat(read.fields()).extracting(LoggedEvent.Field::name).contains("ThreatName", "ProcessName").doesNotContain("Threat Name");
        assertThat(read.fields()).contains(new LoggedEvent.Field("ThreatName", "HackTool:Win32/Mimikatz"));
    }
}
