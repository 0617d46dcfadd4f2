package io.rulescope.dialect.spl;

import java.util.List;

import io.rulescope.query.parse.Token;

/**
 * One command of a search pipeline.
 *
 * @param n 1-based position in the pipeline
 * @param command canonical command name ({@code bucket} for {@code bin}); {@code search} for the implicit first
 *     stage and for stages made only of macros
 * @param text the stage as written, including its leading pipe
 * @param tokens the stage's tokens, pipe and command word included
 */
public record Stage(int n, String command, String text, List<Token<SplTokenKind>> tokens) {
}
