package io.rulescope.ingest.read;

import java.util.List;

import io.rulescope.catalog.IngestProblem;
import io.rulescope.ingest.source.SourceFile;
import io.rulescope.rule.Rule;

/**
 * One file on its way through ingest: parsed documents first, then the rules, supporting data and problems they gave.
 * A mapped result holds nothing of the parse, so the next refresh can reuse it as it is when the file has not changed.
 *
 * @param support what the file adds to the supporting data (macros, data sources, stories); null when nothing
 */
public record FileResult(SourceFile file, YamlReader.Parsed parsed, List<Rule> rules, List<IngestProblem> problems,
        SupportingData support) {

    public static FileResult parsed(SourceFile file, YamlReader.Parsed parsed) {
        return new FileResult(file, parsed, List.of(), List.of(), null);
    }

    public static FileResult failed(SourceFile file, IngestProblem problem) {
        return new FileResult(file, null, List.of(), List.of(problem), null);
    }

    /**
     * The result as kept for the next refresh: its file no longer holds the bytes read (the rules hold what they
     * need), so thousands of kept results do not keep every file's bytes alive.
     */
    public FileResult withoutBytes() {
        SourceFile bare = new SourceFile(file.source(), file.path(), file.size(), () -> {
            throw new java.io.IOException("the bytes of a file kept from an earlier ingest are not kept");
        });
        return new FileResult(bare, null, rules, problems, support);
    }

    public boolean supporting() {
        return support != null;
    }

    /** Not a rule and not supporting data, by design (skipped, not failed). */
    public boolean skipped() {
        return support == null && rules.isEmpty() && problems.stream().allMatch(p -> p.level() == IngestProblem.Level.SKIPPED);
    }
}
