package io.rulescope.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The shipped event vocabulary: one canonical event per behaviour, whichever vendor id a rule reads. */
class EventVocabularyTest {

    private static final EventVocabulary VOCABULARY = EventVocabulary.load("content/events/vocabulary.yml");

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Sysmon 1                                       | Process creation
            security 4688                                  | Process creation
            Elastic (ECS) event.category:process           | Process creation
            Sentinel table DeviceProcessEvents             | Process creation
            ASIM parser imProcessCreate                    | Process creation
            CIM data model Endpoint.Processes              | Process creation
            PowerShell 4104                                | PowerShell script block
            Windows 4104                                   | PowerShell script block
            Sysmon 13                                      | Registry value set
            Sysmon 22                                      | DNS query
            System 7045                                    | Service installation
            Security 4698                                  | Scheduled task creation
            AWS CloudTrail StopLogging                     | AWS API call
            Sentinel table SigninLogs                      | Entra ID sign-in
            """)
    void aConcreteEventStandsForItsBehaviour(String source, String behaviour) {
        assertThat(VOCABULARY.ofSource(source)).extracting(EventVocabulary.CanonicalEvent::name).containsExactly(behaviour);
    }

    @Test
    void anUmbrellaSourceStandsForEveryEventItHolds() {
        assertThat(VOCABULARY.ofSigmaCategory("registry_event")).extracting(EventVocabulary.CanonicalEvent::id)
                .containsExactly("registry_key", "registry_set", "registry_rename");
        assertThat(VOCABULARY.ofSource("Elastic (ECS) event.category:registry")).hasSize(3);
    }

    @Test
    void containersAndUnknownEventsAreToldApart() {
        assertThat(VOCABULARY.placementOf("Sentinel table SecurityEvent")).isEqualTo(EventVocabulary.Placement.CONTAINER);
        assertThat(VOCABULARY.placementOf("Windows 99999")).isEqualTo(EventVocabulary.Placement.UNMAPPED);
        assertThat(VOCABULARY.placementOf("Sysmon 1")).isEqualTo(EventVocabulary.Placement.MAPPED);
    }

    @Test
    void aCanonicalEventIsFoundByItsNameOrItsIdInAnyLetterCase() {
        assertThat(VOCABULARY.named("process creation")).map(EventVocabulary.CanonicalEvent::id).hasValue("process_creation");
        assertThat(VOCABULARY.named("PROCESS_CREATION")).map(EventVocabulary.CanonicalEvent::name).hasValue("Process creation");
        assertThat(VOCABULARY.named("Sysmon 1")).isEmpty();
    }

    @Test
    void sigmaServicesWithoutACategoryHaveTheirEvent() {
        assertThat(VOCABULARY.ofService("azure", "signinlogs")).extracting(EventVocabulary.CanonicalEvent::name).containsExactly("Entra ID sign-in");
        assertThat(VOCABULARY.ofService(null, null)).isEmpty();
    }

    @Test
    void noEventListsASourceTwiceAndEveryPresetEntryIsKnown() {
        for (EventVocabulary.CanonicalEvent event : VOCABULARY.events()) {
            assertThat(event.sources()).as(event.id()).doesNotHaveDuplicates();
            assertThat(event.name()).as(event.id()).isNotBlank();
        }
        assertThat(VOCABULARY.presets()).extracting(EventVocabulary.Preset::id)
                .containsExactly("sysmon", "windows-security", "elastic-defend", "defender-endpoint");
        for (EventVocabulary.Preset preset : VOCABULARY.presets()) {
            for (String entry : preset.have()) {
                boolean known = VOCABULARY.named(entry).isPresent() || VOCABULARY.placementOf(entry) != EventVocabulary.Placement.UNMAPPED;
                assertThat(known).as(preset.id() + ": " + entry).isTrue();
            }
        }
    }
}
