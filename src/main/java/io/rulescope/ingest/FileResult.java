package io.rulescope.ingest;

import java.util.List;

import io.rulescope.rule.Rule;

/** One file on its way through ingest: parsed documents first, then the rules and problems they gave. */
record FileResult(SourceFile file, YamlReader.Parsed parsed, List<Rule> rules, List<IngestProblem> problems,
        boolean supporting) {

    static FileResult parsed(SourceFile file, YamlReader.Parsed parsed) {
        return new FileResult(file, parsed, List.of(), List.of(), false);
    }

    static FileResult failed(SourceFile file, IngestProblem problem) {
        return new FileResult(file, null, List.of(), List.of(problem), false);
    }
}
