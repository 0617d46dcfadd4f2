package io.rulescope.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitBlobIdTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "title: Alpha\n", "ünïcode — dash\r\nand CRLF\n" })
    void aTextsBlobIdIsTheOneGitGivesIt(String text) {
        try (ObjectInserter.Formatter git = new ObjectInserter.Formatter()) {
            assertThat(GitBlobId.of(text)).isEqualTo(git.idFor(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)).name());
        }
    }
}
