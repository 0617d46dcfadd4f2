package io.rulescope.dialect.elastic;

import static org.assertj.core.api.Assertions.assertThat;

/** Elastic's setup text, shown under its own heading, loses the heading it repeats. */
class ElasticMapperHeadingTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = ";;", textBlock = """
            '## Setup\n\nEnable 4104.'      ;; Enable 4104.
            '### setup\nEnable 4104.'        ;; Enable 4104.
            'Enable 4104.'                    ;; Enable 4104.
            '## Setup and tuning\nEnable.'   ;; '## Setup and tuning\nEnable.'
            """)
    void setupTextLosesTheHeadingTheSectionAlreadyShows(String toml, String shown) {
        assertThat(ElasticMapper.withoutHeading(toml.replace("\\n", "\n"), "Setup")).isEqualTo(shown.replace("\\n", "\n"));
    }
}
