package io.rulescope.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.rulescope.ingest.setup.IngestProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitUrlsTest {

    @ParameterizedTest(name = "{0} is shown as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://user:token@github.com/SigmaHQ/sigma.git | https://github.com/SigmaHQ/sigma.git
            https://token@gitlab.example.org/team/rules     | https://gitlab.example.org/team/rules
            ssh://git@git.example.org:2222/team/rules.git   | ssh://git.example.org:2222/team/rules.git
            git@github.com:SigmaHQ/sigma.git                | git@github.com:SigmaHQ/sigma.git
            file:///srv/rules.git                           | file:///srv/rules.git
            """)
    void credentialsAreTakenOutOfEveryUrlBeforeItIsShown(String url, String shown) {
        assertThat(GitUrls.withoutCredentials(url)).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} at {1} links files under {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            https://github.com/SigmaHQ/sigma.git  | -      | https://github.com/SigmaHQ/sigma/blob/HEAD/
            https://github.com/SigmaHQ/sigma      | r2026  | https://github.com/SigmaHQ/sigma/blob/r2026/
            git@github.com:splunk/security_content.git | develop | https://github.com/splunk/security_content/blob/develop/
            https://gitlab.com/team/rules.git     | -      | -
            """)
    void githubRemotesLinkToTheirFilesOnGithub(String url, String ref, String home) {
        assertThat(GitUrls.githubHome(url, ref)).isEqualTo(home);
    }

    @Test
    void theSourceListTellsGitRemotesFromDirectoriesAndNamesThem() {
        IngestProperties properties = new IngestProperties(List.of("sigma=https://github.com/SigmaHQ/sigma.git#r2026-01-01",
                "git@github.com:splunk/security_content.git", "local=/srv/rules"), 1 << 20, 1, Map.of(), "", "/data", null, "");

        List<Source> sources = new SourceScanner(properties).sources();

        assertThat(sources).extracting(Source::name).containsExactly("sigma", "security_content", "local");
        assertThat(sources.get(0).git()).isEqualTo(new Source.GitRemote("https://github.com/SigmaHQ/sigma.git", "r2026-01-01"));
        assertThat(sources.get(0).root()).isEqualTo(Path.of("/data/git/sigma"));
        assertThat(sources.get(1).git().ref()).isNull();
        assertThat(sources.get(2).isGit()).isFalse();
    }

    @ParameterizedTest(name = "{0} is private: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            acme=https://git.example.com/soc/rules.git#main;private | acme  | true
            acme=/srv/rules;private                                 | acme  | true
            acme=/srv/rules ; PRIVATE                               | acme  | true
            /srv/team-rules;private                                 | team-rules | true
            sigma=https://github.com/SigmaHQ/sigma.git#r2026         | sigma | false
            local=/srv/private-rules                                | local | false
            """)
    void aSourceEntryEndingInPrivateIsPrivateAndTheSuffixIsNotPartOfItsLocation(String entry, String name, boolean restricted) {
        IngestProperties properties = new IngestProperties(List.of(entry), 1 << 20, 1, Map.of(), "", "/data", null, "");

        Source source = new SourceScanner(properties).sources().get(0);

        assertThat(source.name()).isEqualTo(name);
        assertThat(source.restricted()).isEqualTo(restricted);
        assertThat(String.valueOf(source.git()) + source.root()).doesNotContainIgnoringCase(";private");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = "|", textBlock = """
            detections,macros                      | https://github.com/splunk/security_content/blob/develop/
            rules,rules-emerging-threats           | https://github.com/SigmaHQ/sigma/blob/master/
            Detections,Solutions                   | https://github.com/Azure/Azure-Sentinel/blob/master/
            rules/_deprecated,rules/windows        | https://github.com/elastic/detection-rules/blob/main/
            rules,notes                            | -
            """)
    void aDirectoryLaidOutAsOneOfTheFourPublicRepositoriesLinksToItsFilesOnGithub(String folders, String home, @TempDir Path dir)
            throws Exception {
        for (String folder : folders.split(",")) {
            Files.createDirectories(dir.resolve(folder));
        }
        IngestProperties properties = new IngestProperties(List.of("x=" + dir), 1 << 20, 1, Map.of(), "");

        assertThat(new SourceScanner(properties).sources().get(0).webHome()).isEqualTo(home.equals("-") ? null : home);
    }

    @Test
    void aTokenComesFromTheEnvironmentOrAMountedFileAndASourceMayHaveItsOwn(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "from-file\n");
        Map<String, String> env = Map.of("RULESCOPE_GIT_TOKEN", "general", "RULESCOPE_GIT_TOKEN_FILE_PRIVATE_RULES", secret.toString());
        GitCredentials credentials = new GitCredentials(env::get);

        assertThat(credentials.token("sigma")).isEqualTo("general");
        assertThat(credentials.token("private-rules")).isEqualTo("from-file");
        assertThat(new GitCredentials(Map.of("RULESCOPE_GIT_TOKEN_FILE", secret.toString())::get).token("x")).isEqualTo("from-file");
        assertThat(new GitCredentials(Map.<String, String>of()::get).token("x")).isNull();
    }
}
