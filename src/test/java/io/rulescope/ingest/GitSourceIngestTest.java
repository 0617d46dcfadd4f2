package io.rulescope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.rulescope.catalog.Catalog;
import io.rulescope.catalog.IngestProblem;
import io.rulescope.catalog.IngestReport;
import io.rulescope.ingest.setup.IngestProperties;
import io.rulescope.ingest.source.GitSources;
import io.rulescope.query.FieldTaxonomy;
import io.rulescope.rule.Rule;
import io.rulescope.search.SearchService;

/** Git repositories as sources, against a remote made with JGit in a temporary folder (no network). */
class GitSourceIngestTest {

    @TempDir
    Path temp;

    Path remote;
    Git upstream;
    final List<IngestServiceTest.Ingest> started = new java.util.ArrayList<>();

    /** History is read in the background into the data folder; let it finish before the folder is removed. */
    @org.junit.jupiter.api.AfterEach
    void historiesAreRead() throws Exception {
        for (IngestServiceTest.Ingest ingest : started) {
            ingest.service().awaitHistory();
        }
    }

    static String sigma(String id, String title, String image) {
        return "title: " + title + "\nid: " + id + "\nstatus: test\nlogsource:\n  category: process_creation\n  product: windows\n"
                + "detection:\n  selection:\n    Image|endswith: '" + image + "'\n  condition: selection\n";
    }

    @BeforeEach
    void aRemoteWithTwoRules() throws Exception {
        remote = Files.createDirectories(temp.resolve("remote"));
        upstream = Git.init().setDirectory(remote.toFile()).setInitialBranch("main").call();
        write("rules/whoami.yml", sigma("11111111-0000-0000-0000-000000000001", "Whoami", "\\whoami.exe"));
        write("rules/net.yml", sigma("11111111-0000-0000-0000-000000000002", "Net", "\\net.exe"));
        write(".github/workflows/ci.yml", "name: ci\non: push\n");
        commit("two rules");
    }

    private void write(String path, String text) throws IOException {
        Path file = remote.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private RevCommit commit(String message) throws GitAPIException {
        upstream.add().addFilepattern(".").call();
        upstream.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = new PersonIdent("Ada", "ada@example.org");
        return upstream.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    private IngestServiceTest.Ingest service(String source) {
        IngestProperties properties = new IngestProperties(List.of(source), 1 << 20, 2, Map.of(), "",
                temp.resolve("data").toString(), null, "");
        IngestServiceTest.Ingest ingest = IngestServiceTest.ingestInto(properties,
                IngestServiceTest.ATTACK, IngestServiceTest.NO_TAXONOMY);
        started.add(ingest);
        return ingest;
    }

    private String url() {
        return remote.toUri().toString();
    }

    @Test
    void aGitSourceIsClonedIntoTheDataFolderAndItsCommitIsReported() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());

        ingest.service().ingest();

        Catalog catalog = ingest.catalog();
        assertThat(catalog.rules().all()).extracting(Rule::getTitle).containsExactlyInAnyOrder("Whoami", "Net");
        IngestReport.SourceSummary source = catalog.report().sources().get(0);
        assertThat(source.kind()).isEqualTo("git");
        assertThat(source.commit()).isEqualTo(upstream.getRepository().resolve("main").name());
        assertThat(source.commitDate()).isNotNull();
        assertThat(source.fetchOutcome()).isEqualTo("cloned");
        assertThat(source.url()).isEqualTo(url());
        assertThat(temp.resolve("data/git/team/rules/whoami.yml")).exists();
        assertThat(catalog.report().problems()).as("repository plumbing (.git, .github) is not scanned").isEmpty();
    }

    @Test
    void aRefreshFetchesReparsesOnlyTheChangedFilesAndSaysWhichRulesChanged() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());
        ingest.service().ingest();
        Catalog first = ingest.catalog();
        write("rules/net.yml", sigma("11111111-0000-0000-0000-000000000002", "Net", "\\net1.exe"));
        write("rules/certutil.yml", sigma("11111111-0000-0000-0000-000000000003", "Certutil", "\\certutil.exe"));
        Files.delete(remote.resolve("rules/whoami.yml"));
        RevCommit second = commit("edit, add, remove");

        RefreshRecord refresh = ingest.service().refreshNow("test");

        assertThat(refresh.outcome()).isEqualTo(RefreshRecord.Outcome.PUBLISHED);
        assertThat(refresh.filesParsed()).as("the edited and the added file").isEqualTo(2);
        assertThat(refresh.filesReused()).isZero();
        assertThat(refresh.added()).extracting(RefreshRecord.RuleRef::title).containsExactly("Certutil");
        assertThat(refresh.modified()).extracting(RefreshRecord.RuleRef::title).containsExactly("Net");
        assertThat(refresh.removed()).extracting(RefreshRecord.RuleRef::title).containsExactly("Whoami");
        assertThat(refresh.versionsBefore()).containsEntry("team", first.report().sources().get(0).commit());
        assertThat(refresh.versionsAfter()).containsEntry("team", second.name());
        Catalog now = ingest.catalog();
        assertThat(now.generation()).isGreaterThan(first.generation());
        assertThat(now.report().sources().get(0).fetchOutcome()).isEqualTo("fetched");
        assertThat(now.rules().all()).extracting(Rule::getTitle).containsExactlyInAnyOrder("Net", "Certutil");
        // The index was updated in place of a rebuild: it answers as a fresh one would.
        SearchService search = new SearchService(IngestServiceTest.ATTACK, FieldTaxonomy.NONE);
        assertThat(now.index().size()).isEqualTo(2);
        assertThat(search.search(now.index(), "certutil", 1, 10, "relevance").total()).isEqualTo(1);
        assertThat(search.search(now.index(), "whoami", 1, 10, "relevance").total()).isZero();
        assertThat(search.search(now.index(), "net1.exe", 1, 10, "relevance").total()).isEqualTo(1);
        assertThat(search.search(now.index(), "\\net.exe", 1, 10, "relevance").total()).isZero();
    }

    @Test
    void aRuleMovedToAnotherFolderIsCountedAsAMoveNotAsAnAdditionAndARemoval() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());
        ingest.service().ingest();
        Files.createDirectories(remote.resolve("deprecated"));
        Files.move(remote.resolve("rules/net.yml"), remote.resolve("deprecated/net.yml"));
        commit("deprecate net");

        RefreshRecord refresh = ingest.service().refreshNow("test");

        assertThat(refresh.outcome()).isEqualTo(RefreshRecord.Outcome.PUBLISHED);
        assertThat(refresh.added()).isEmpty();
        assertThat(refresh.removed()).isEmpty();
        assertThat(refresh.moved()).singleElement().satisfies(m -> {
            assertThat(m.title()).isEqualTo("Net");
            assertThat(m.path()).isEqualTo("deprecated/net.yml (from rules/net.yml)");
        });
    }

    @Test
    void aRefreshWithNoNewCommitParsesNothingAndKeepsTheCatalog() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());
        ingest.service().ingest();
        Catalog first = ingest.catalog();

        RefreshRecord refresh = ingest.service().refreshNow("test");

        assertThat(refresh.outcome()).isEqualTo(RefreshRecord.Outcome.UNCHANGED);
        assertThat(refresh.filesParsed()).isZero();
        assertThat(ingest.catalog()).isSameAs(first);
        assertThat(ingest.service().refreshes()).hasSize(2);
    }

    @Test
    void anUnchangedFileKeepsItsParsedRulesAcrossARefresh() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());
        ingest.service().ingest();
        Rule whoami = ingest.catalog().rules().withId("11111111-0000-0000-0000-000000000001").get(0);
        write("rules/net.yml", sigma("11111111-0000-0000-0000-000000000002", "Net", "\\net2.exe"));
        commit("edit one");

        RefreshRecord refresh = ingest.service().refreshNow("test");

        assertThat(refresh.filesParsed()).isEqualTo(1);
        assertThat(refresh.filesReused()).isEqualTo(1);
        assertThat(ingest.catalog().rules().withId("11111111-0000-0000-0000-000000000001").get(0)).isSameAs(whoami);
        assertThat(ingest.catalog().indicators().analysisOf(whoami).indicators()).isNotEmpty();
    }

    @Test
    void aSourcePinnedToATagStaysThereWhenTheBranchMovesOn() throws Exception {
        upstream.tag().setName("v1").call();
        write("rules/net.yml", sigma("11111111-0000-0000-0000-000000000002", "Net v2", "\\net.exe"));
        commit("after the tag");
        IngestServiceTest.Ingest ingest = service("pinned=" + url() + "#v1");

        ingest.service().ingest();

        assertThat(ingest.catalog().rules().all()).extracting(Rule::getTitle).contains("Net").doesNotContain("Net v2");
        assertThat(ingest.catalog().report().sources().get(0).ref()).isEqualTo("v1");
    }

    @Test
    void aSourceOnAnotherBranchReadsThatBranch() throws Exception {
        upstream.branchCreate().setName("next").call();
        upstream.checkout().setName("next").call();
        write("rules/next.yml", sigma("11111111-0000-0000-0000-000000000009", "Only On Next", "\\x.exe"));
        commit("on next");
        upstream.checkout().setName("main").call();

        IngestServiceTest.Ingest onMain = service("m=" + url());
        IngestServiceTest.Ingest onNext = service("n=" + url() + "#next");
        onMain.service().ingest();
        onNext.service().ingest();

        assertThat(onMain.catalog().rules().all()).extracting(Rule::getTitle).doesNotContain("Only On Next");
        assertThat(onNext.catalog().rules().all()).extracting(Rule::getTitle).contains("Only On Next");
    }

    @Test
    void anUnreachableRemoteFailsTheRefreshAndTheCurrentCatalogKeepsServing() throws Exception {
        IngestServiceTest.Ingest ingest = service("team=" + url());
        ingest.service().ingest();
        Catalog first = ingest.catalog();
        Path moved = temp.resolve("moved");
        Files.move(remote, moved);
        // The clone is still there: the catalog of its last commit keeps serving, and the refresh failed, saying why.
        RefreshRecord refresh = ingest.service().refreshNow("test");
        assertThat(refresh.outcome()).isEqualTo(RefreshRecord.Outcome.FAILED);
        assertThat(refresh.reason()).contains("fetch failed", "team");
        assertThat(ingest.catalog()).isSameAs(first);
        assertThat(ingest.service().report().sources().get(0).fetchOutcome()).startsWith("failed:");

        ingest.service().awaitHistory();
        GitSources.deleteTree(temp.resolve("data"));
        RefreshRecord broken = ingest.service().refreshNow("test");

        assertThat(broken.outcome()).isEqualTo(RefreshRecord.Outcome.FAILED);
        assertThat(broken.reason()).contains("team");
        assertThat(ingest.catalog()).isSameAs(first);
        assertThat(ingest.catalog().rules().size()).isEqualTo(2);
    }

    @Test
    void credentialsInAUrlNeverReachTheReportOrTheProblems() throws Exception {
        IngestServiceTest.Ingest ingest = service("private=https://reader:s3cr3t-t0ken@127.0.0.1:9/team/rules.git");

        ingest.service().ingest();

        IngestReport report = ingest.service().report();
        assertThat(report.toString()).doesNotContain("s3cr3t");
        assertThat(report.problems()).extracting(IngestProblem::reason).allSatisfy(r -> assertThat(r).doesNotContain("s3cr3t"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.reason()).startsWith("could not be cloned: failed:"));
        assertThat(ingest.service().refreshes().toString()).doesNotContain("s3cr3t");
    }
}
