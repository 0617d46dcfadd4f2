package io.rulescope.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The field-mapping pipelines agree with pySigma's: each case is one of the public pipeline tests of
 * pySigma-backend-splunk (tests/test_splunk_pipelines.py, test_backend_splunk.py's data-model cases),
 * pySigma-backend-kusto (test_pipelines_microsoftxdr.py, test_pipelines_sentinelasim.py) and
 * pySigma-backend-elasticsearch (test_pipelines_windows.py), with the query those suites expect, compared up to
 * whitespace. Where Rulescope differs on purpose the test names the difference.
 */
class SigmaPipelinesTest {

    private static final LogSource PROCESS_CREATION = new LogSource("windows", "process_creation", null);

    @AfterAll
    static void tally() {
        PySigmaTally.print();
    }

    private static String query(String detection, LogSource source, String target) {
        return Detections.query(detection, source, Detections.target(target)).replaceAll("\\s+", " ").strip();
    }

    @ParameterizedTest(name = "service {0} is searched in {1}")
    @CsvSource(textBlock = """
            security,            WinEventLog:Security
            sysmon,              WinEventLog:Microsoft-Windows-Sysmon/Operational
            powershell,          WinEventLog:Microsoft-Windows-PowerShell/Operational
            powershell-classic,  WinEventLog:Windows PowerShell
            taskscheduler,       WinEventLog:Microsoft-Windows-TaskScheduler/Operational
            bits-client,         WinEventLog:Microsoft-Windows-Bits-Client/Operational
            """)
    void splunkWindowsSearchesTheServicesSourceAndRenamesEventId(String service, String source) {
        PySigmaTally.same("splunk-windows", query("""
                sel:
                    EventID: 123
                    field: value
                condition: sel
                """, new LogSource("windows", null, service), "splunk-windows"), "source=\"" + source + "\" EventCode=123 field=\"value\"");
    }

    @Test
    void splunkCimWritesTheWholeTstatsSearchOverTheProcessesDataModel() {
        String processes = "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process=\"test\" by Processes.process Processes.dest Processes.process_current_directory"
                + " Processes.process_path Processes.process_integrity_level Processes.parent_process Processes.parent_process_path"
                + " Processes.parent_process_guid Processes.parent_process_id Processes.process_guid Processes.process_id Processes.user BY_MORE"
                + " | `drop_dm_object_name(Processes)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime)";
        PySigmaTally.deliberate("splunk-cim", query("""
                sel:
                    CommandLine: test
                condition: sel
                """, PROCESS_CREATION, "splunk-cim"), processes.replace(" BY_MORE", ""), processes.replace(" BY_MORE", " Processes.original_file_name"),
                "CIM's original_file_name is mapped (pySigma's pipeline lacks it), so the search groups by it too");
    }

    @Test
    void splunkCimUsesTheRegistryAndFilesystemDatasets() {
        PySigmaTally.same("splunk-cim", query("""
                sel:
                    TargetObject: test
                condition: sel
                """, new LogSource("windows", "registry_set", null), "splunk-cim"), "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Registry where Registry.registry_key_name=\"test\" by Registry.dest"
                + " Registry.registry_value_data Registry.action Registry.process_path Registry.process_guid Registry.process_id Registry.registry_key_name"
                + " | `drop_dm_object_name(Registry)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime)");
        PySigmaTally.same("splunk-cim", query("""
                sel:
                    TargetFilename: test
                condition: sel
                """, new LogSource("windows", "file_event", null), "splunk-cim"), "| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"null\" count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Filesystem where Filesystem.file_path=\"test\" by Filesystem.dest"
                + " Filesystem.file_create_time Filesystem.process_path Filesystem.process_guid Filesystem.process_id Filesystem.file_path"
                + " | `drop_dm_object_name(Filesystem)` | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime) | convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(lastTime)");
    }

    @Test
    void splunkCimNamesAFieldTheDataModelLacksAndALogSourceItHasNoDatasetFor() {
        Conversion field = Detections.convert("""
                sel:
                    imphash: 123456
                condition: sel
                """, PROCESS_CREATION, Detections.target("splunk-cim"));
        assertThat(field.unsupported()).containsExactly("the field imphash has no mapping in Splunk CIM Endpoint data model (tstats)");
        Conversion logSource = Detections.convert("""
                sel:
                    Image: test
                condition: sel
                """, new LogSource("windows", "image_load", null), Detections.target("splunk-cim"));
        assertThat(logSource.unsupported()).singleElement().asString()
                .contains("no data model for the log source product windows, category image_load");
    }

    @Test
    void defenderXdrReadsTheCategorysTableWithItsColumns() {
        PySigmaTally.same("kusto-xdr", query("""
                sel:
                    CommandLine: val1
                    Image: val2
                condition: sel
                """, PROCESS_CREATION, "kusto-xdr"), "DeviceProcessEvents | where ProcessCommandLine =~ \"val1\" and FolderPath =~ \"val2\"");
        PySigmaTally.same("kusto-xdr", query("""
                sel:
                    ImageLoaded: val1
                    sha1: val2
                condition: sel
                """, new LogSource("windows", "image_load", null), "kusto-xdr"), "DeviceImageLoadEvents | where FolderPath =~ \"val1\" and SHA1 =~ \"val2\"");
        PySigmaTally.same("kusto-xdr", query("""
                sel:
                    TargetFilename: val1
                    Image: val2
                condition: sel
                """, new LogSource("windows", "file_delete", null), "kusto-xdr"), "DeviceFileEvents | where FolderPath =~ \"val1\" and InitiatingProcessFolderPath =~ \"val2\"");
        PySigmaTally.same("kusto-xdr", query("""
                sel:
                    Image: val1
                    TargetObject: val2
                condition: sel
                """, new LogSource("windows", "registry_set", null), "kusto-xdr"), "DeviceRegistryEvents | where InitiatingProcessFolderPath =~ \"val1\" and RegistryKey =~ \"val2\"");
    }

    @Test
    void defenderXdrMapsEveryProcessCreationField() {
        PySigmaTally.same("kusto-xdr", query("""
                sel:
                    Image: C:\\Path\\to\\notmalware.exe
                    FileVersion: 1
                    Description: A Description
                    Product: pySigma
                    Company: AttackIQ
                    OriginalFileName: malware.exe
                    ProcessId: 2
                    CommandLine: definitely not malware
                    User: heyitsmeyourbrother
                    IntegrityLevel: 1
                    sha1: a123123123
                    sha256: a123123123
                    md5: a123123123
                    ParentProcessId: 1
                    ParentImage: C:\\Windows\\Temp\\freemoney.pdf
                    ParentCommandLine: freemoney.pdf test exe please ignore
                    ParentUser: heyitsmeyourparent
                condition: sel
                """, PROCESS_CREATION, "kusto-xdr"), "DeviceProcessEvents | where "
                + "FolderPath =~ \"C:\\\\Path\\\\to\\\\notmalware.exe\" and ProcessVersionInfoProductVersion == 1 and "
                + "ProcessVersionInfoFileDescription =~ \"A Description\" and ProcessVersionInfoProductName =~ \"pySigma\" and "
                + "ProcessVersionInfoCompanyName =~ \"AttackIQ\" and ProcessVersionInfoOriginalFileName =~ \"malware.exe\" and "
                + "ProcessId == 2 and ProcessCommandLine =~ \"definitely not malware\" and AccountName =~ \"heyitsmeyourbrother\" and "
                + "ProcessIntegrityLevel == 1 and SHA1 =~ \"a123123123\" and SHA256 =~ \"a123123123\" and MD5 =~ \"a123123123\" and "
                + "InitiatingProcessId == 1 and InitiatingProcessFolderPath =~ \"C:\\\\Windows\\\\Temp\\\\freemoney.pdf\" and "
                + "InitiatingProcessCommandLine =~ \"freemoney.pdf test exe please ignore\" and InitiatingProcessAccountName =~ \"heyitsmeyourparent\"");
    }

    @Test
    void aFieldTheTableLacksIsNamedAndTheMappingsAppliedAreListed() {
        Conversion c = Detections.convert("""
                sel:
                    CompletelyInvalidFieldName: value
                    Image: x
                condition: sel
                """, PROCESS_CREATION, Detections.target("kusto-asim"));
        assertThat(c.unsupported()).containsExactly("the field CompletelyInvalidFieldName has no mapping in Microsoft Sentinel ASIM parsers");
        assertThat(c.mappings()).containsExactly(new Conversion.Mapping("Image", "TargetProcessName"));
    }

    @Test
    void sentinelAsimReadsItsParsers() {
        PySigmaTally.same("kusto-asim", query("""
                sel:
                    Image: C:\\Windows\\System32\\cmd.exe
                    CommandLine: whoami
                    User: SYSTEM
                    ProcessId: 1234
                condition: sel
                """, PROCESS_CREATION, "kusto-asim"), "imProcessCreate | where TargetProcessName =~ \"C:\\\\Windows\\\\System32\\\\cmd.exe\""
                + " and TargetProcessCommandLine =~ \"whoami\" and TargetUsername =~ \"SYSTEM\" and TargetProcessId == 1234");
        PySigmaTally.same("kusto-asim", query("""
                sel:
                    DestinationIp: 8.8.8.8
                    DestinationPort: 53
                    Protocol: udp
                condition: sel
                """, new LogSource("windows", "network_connection", null), "kusto-asim"), "imNetworkSession | where DstIpAddr =~ \"8.8.8.8\" and DstPortNumber == 53 and NetworkProtocol =~ \"udp\"");
        // As pySigma's, a registry path's hive is written as ASIM writes it.
        PySigmaTally.same("kusto-asim", query("""
                sel:
                    TargetObject: HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run
                condition: sel
                """, new LogSource("windows", "registry_event", null), "kusto-asim"), "imRegistry | where RegistryKey =~ \"HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Run\"");
    }

    @Test
    void azureMonitorReadsProcessCreationFromSecurityEvent4688() {
        PySigmaTally.deliberate("kusto-azure-monitor", query("""
                sel:
                    Image|endswith: \\whoami.exe
                condition: sel
                """, PROCESS_CREATION, "kusto-azure-monitor"), "SecurityEvent | where NewProcessName endswith \"\\\\whoami.exe\"",
                "SecurityEvent | where EventID == 4688 and NewProcessName endswith \"\\\\whoami.exe\"",
                "pySigma reads every category from SecurityEvent without naming the event; a process creation there is Security 4688 only");
    }

    @Test
    void ecsSelectsTheChannelAndPrefixesEventDataItDoesNotMap() {
        PySigmaTally.same("lucene-ecs", query("""
                sel:
                    EventID: 123
                    Image: test.exe
                    TestField: test
                condition: sel
                """, new LogSource("windows", null, "security"), "lucene-ecs"), "winlog.channel:Security AND (event.code:123 AND process.executable:test.exe AND winlog.event_data.TestField:test)");
        PySigmaTally.same("lucene-ecs", query("""
                sel:
                    CommandLine: test
                    OriginalFileName: test.exe
                condition: sel
                """, PROCESS_CREATION, "lucene-ecs"), "process.command_line:test AND process.pe.original_file_name:test.exe");
        PySigmaTally.same("lucene-ecs", query("""
                sel:
                    Image: test
                condition: sel
                """, new LogSource("linux", null, "security"), "lucene-ecs"), "Image:test");
    }

    @Test
    void ecsInEsqlComparesCodesAsTextAndPortsAsNumbers() {
        PySigmaTally.deliberate("esql-ecs", query("""
                sel:
                    EventID: 123
                    DestinationIp|cidr: 192.168.0.0/16
                    DestinationPort: 80
                condition: sel
                """, new LogSource("windows", null, "security"), "esql-ecs"), "from * metadata _id, _index, _version | where winlog.channel==\"Security\""
                + " and event.code==\"123\" and cidr_match(destination.ip, \"192.168.0.0/16\") and destination.port==80", "from logs-endpoint.events.*,logs-system.*,logs-windows.*,winlogbeat-* metadata _id, _index, _version"
                        + " | where to_lower(winlog.channel)==\"security\" and to_lower(event.code)==\"123\" and cidr_match(destination.ip, \"192.168.0.0/16\")"
                        + " and destination.port==80",
                "reads the indexes ECS Windows data is written to, where pySigma reads every index; text compared without case");
    }
}
