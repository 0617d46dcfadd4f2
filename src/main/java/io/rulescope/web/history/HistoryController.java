package io.rulescope.web.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.rulescope.catalog.Catalog;
import io.rulescope.history.NumberedVersion;
import io.rulescope.history.RuleVersion;
import io.rulescope.history.VersionFacts;
import io.rulescope.web.rule.HistoryViews;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A rule's versions, what changed between any two of them, and each version as it was. */
@Controller
class HistoryController {

    static final int MAX_ID = 512;
    /** Beyond this many lines a version's text is not diffed line by line (the predicate-level changes still show). */
    static final int MAX_DIFF_LINES = 20_000;

    private final HistoryViews history;

    HistoryController(HistoryViews history) {
        this.history = history;
    }

    @GetMapping("/rules/{id}/history")
    String page(@PathVariable String id, @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
            Catalog catalog, Model model, HttpServletResponse response) {
        Optional<HistoryViews.Located> located = id.length() > MAX_ID ? Optional.empty() : history.locate(catalog, id, page, size);
        if (located.isEmpty()) {
            return notFound(catalog, id, model, response);
        }
        model.addAttribute("h", located.get());
        return "rules/history";
    }

    /** Two versions compared: predicate-level changes first, then the line diff of the rule file. */
    @GetMapping("/rules/{id}/diff")
    String diff(@PathVariable String id, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Catalog catalog, Model model, HttpServletResponse response) {
        Optional<HistoryViews.Located> located = id.length() > MAX_ID ? Optional.empty() : history.locate(catalog, id);
        if (located.isEmpty()) {
            return notFound(catalog, id, model, response);
        }
        HistoryViews.Located h = located.get();
        model.addAttribute("h", h);
        if (h.total() == 0) {
            model.addAttribute("error", h.reading() ? "The history of this rule is still being read; try again in a moment."
                    : "This rule has no history: its source is not a git repository.");
            return "rules/diff";
        }
        Optional<NumberedVersion> newest = to == null ? history.newest(h) : history.version(h, to);
        RuleVersion newer = newest.map(NumberedVersion::version).orElse(null);
        RuleVersion older = from == null ? newest.flatMap(n -> history.before(h, n)).orElse(null)
                : history.version(h, from).map(NumberedVersion::version).orElse(null);
        if (newer == null || (from != null && older == null)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "No version of this rule was made by commit '" + abbreviate(newer == null ? to : from)
                    + "'; pick two from its history.");
            return "rules/diff";
        }
        if (older != null && older.date().isAfter(newer.date())) {
            RuleVersion swap = older;
            older = newer;
            newer = swap;
        }
        model.addAttribute("from", older);
        model.addAttribute("to", newer);
        VersionFacts before = older == null ? null : history.factsAt(catalog, h.source(), older, id).orElse(null);
        RuleVersion.Changes changes = history.factsAt(catalog, h.source(), newer, id).map(f -> f.since(before))
                .orElse(newer.changes());
        model.addAttribute("changes", changes);
        model.addAttribute("lines", lineDiff(older == null ? "" : history.textAt(h.source(), older), history.textAt(h.source(), newer),
                older == null ? "(none)" : older.path() + "@" + older.shortCommit(), newer.path() + "@" + newer.shortCommit()));
        return "rules/diff";
    }

    /** One line of a unified diff with its kind, for styling. */
    record DiffLine(String kind, String text) {
    }

    static List<DiffLine> lineDiff(String before, String after, String beforeName, String afterName) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.size() > MAX_DIFF_LINES || b.size() > MAX_DIFF_LINES) {
            return List.of(new DiffLine("meta", "(the files are too long to compare line by line)"));
        }
        Patch<String> patch = DiffUtils.diff(a, b);
        List<DiffLine> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, a, patch, 3)) {
            String kind = line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@") ? "meta"
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
            out.add(new DiffLine(kind, line));
        }
        return out;
    }

    private static String notFound(Catalog catalog, String id, Model model, HttpServletResponse response) {
        response.setStatus(catalog.isReady() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("missing", abbreviate(id));
        return "rules/not-found";
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
