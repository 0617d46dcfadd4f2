package io.rulescope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.rulescope.SharedData;
import io.rulescope.Visitor;

/**
 * A team's collection over SigmaHQ's real history, in a real browser: an editor signs in through the form, makes a
 * collection, pins rules at the history's first commit; upstream moves to the head; the collection's page leads with
 * what changed, on a laptop and a phone, and "mark as reviewed" moves a pin.
 */
@Tag("browser")
@EnabledIf(value = "present", disabledReason = "needs Debian's chromium and chromium-driver (.ci/run installs them) and ../shared/git")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class CollectionsBrowserTest extends BrowserTest {

    static final Path ROOT = tempFolder();
    static final Path REPO = ROOT.resolve("sigma");
    static final Pattern ID = Pattern.compile("(?m)^id: ([0-9a-f-]{36})\\s*$");

    static boolean present() {
        return Chromium.present() && SharedData.historyPresent();
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("rulescope-collections-browser");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SigmaHQ's history as a bare remote whose branch {@code team} is at the first commit: upstream, as the team pinned it. */
    @DynamicPropertySource
    static void sigmaAtItsFirstCommit(DynamicPropertyRegistry registry) throws Exception {
        if (!present()) {
            return;
        }
        try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(REPO.toFile()).call()) {
            git.fetch().setRemote(SharedData.sigmaHistory().toString()).setRefSpecs(new RefSpec("+HEAD:refs/heads/main")).call();
            moveTeamTo(git.getRepository(), first(git.getRepository()));
        }
        registry.add("rulescope.sources", () -> "sigma=" + REPO.toUri() + "#team");
        registry.add("rulescope.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("rulescope.refresh-interval", () -> "0");
        registry.add("rulescope.security.users.lead.password", () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("lead-secret"));
        registry.add("rulescope.security.users.lead.roles", () -> "editor");
    }

    static void moveTeamTo(Repository repository, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef("refs/heads/team");
        update.setNewObjectId(commit);
        update.forceUpdate();
    }

    static RevCommit first(Repository repository) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("refs/heads/main")));
            RevCommit last = null;
            for (RevCommit c : walk) {
                last = c;
            }
            return last;
        }
    }

    /** Ids of the first commit's rules whose files the rest of the history changes. */
    static List<String> idsChangedLater(int limit) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Git git = Git.open(REPO.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            Repository repository = git.getRepository();
            RevCommit first = walk.parseCommit(repository.resolve("refs/heads/team"));
            RevCommit head = walk.parseCommit(repository.resolve("refs/heads/main"));
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(first.getTree());
                tree.addTree(head.getTree());
                tree.setRecursive(true);
                while (tree.next() && ids.size() < limit) {
                    String path = tree.getPathString();
                    if (path.startsWith("rules/") && path.endsWith(".yml") && !tree.getObjectId(0).equals(tree.getObjectId(1))
                            && !tree.getObjectId(0).equals(ObjectId.zeroId()) && !tree.getObjectId(1).equals(ObjectId.zeroId())) {
                        Matcher id = ID.matcher(new String(repository.open(tree.getObjectId(0)).getBytes()));
                        if (id.find()) {
                            ids.add(id.group(1));
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** A form's answer is a new page: wait for it rather than read the old one (whose elements go stale mid-check). */
    static void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    @Test
    void aCollectionPinnedAtTheFirstCommitShowsWhatChangedUpstreamOnALaptopAndAPhone() throws Exception {
        assertThat(ingest.awaitDone(Duration.ofMinutes(3))).isTrue();
        ingest.awaitHistory();
        driver.get(url("/sign-in"));
        driver.findElement(By.id("username")).sendKeys("lead");
        driver.findElement(By.id("password")).sendKeys("lead-secret");
        driver.findElement(By.cssSelector(".sign-in-form button")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/collections"));
        driver.findElement(By.id("name")).sendKeys("Deployed: prod SIEM");
        driver.findElement(By.id("description")).sendKeys("The Sigma rules our SOC runs, converted for Splunk.");
        driver.findElement(By.cssSelector(".collection-create button")).click();
        waitFor(d -> d.getCurrentUrl().matches(".*/collections/\\d+"));
        String page = driver.getCurrentUrl();
        long id = Long.parseLong(page.substring(page.lastIndexOf('/') + 1));
        driver.findElement(By.id("ids")).sendKeys(String.join("\n", idsChangedLater(24)));
        driver.findElement(By.cssSelector(".collection-add form button")).click();
        waitFor(d -> !d.findElements(By.cssSelector(".notice")).isEmpty());
        assertThat(driver.findElement(By.cssSelector(".notice")).getText()).startsWith("Added 24");

        try (Git git = Git.open(REPO.toFile())) {
            moveTeamTo(git.getRepository(), git.getRepository().resolve("refs/heads/main"));
        }
        ingest.refreshNow("upstream moved");
        ingest.awaitHistory();

        driver.get(url("/collections/" + id));
        assertThat(driver.findElement(By.id("changed-heading")).getText()).isEqualTo("Changed upstream since pinned 24");
        assertThat(driver.findElements(By.cssSelector(".changed-member ul.changes li"))).isNotEmpty();
        Chromium.accessible(driver, "a collection with upstream changes");
        Chromium.noConsoleErrors(driver, "a collection with upstream changes");
        Chromium.screenshot(driver, "collection");
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            Chromium.fitsTheWindow(driver, "a collection on a phone");
            Chromium.screenshot(driver, "collection-phone");
        } finally {
            driver.manage().window().setSize(before);
        }

        driver.findElement(By.cssSelector(".changed-member form button")).click();
        waitFor(d -> d.findElements(By.id("changed-heading")).stream().anyMatch(h -> h.getText().endsWith(" 23")));
        assertThat(driver.findElement(By.cssSelector(".collection-log li")).getText()).contains("lead reviewed");
        assertThat(new Visitor(port).getJson("/api/collections/" + id).body()).contains("\"changedUpstream\"");
    }
}
