package io.rulescope.dialect.kql;

import java.util.List;

import io.rulescope.query.parse.Token;

/**
 * One stage of a Kusto query: a statement ({@code let}, {@code set}), the query's source or one operator after a
 * pipe. Sub-queries (a {@code let} body, a join's right side, a union leg) follow their parent one {@code depth}
 * deeper, so the stages of depth 0, in order, are the whole query.
 *
 * @param command the operator ({@code where}, {@code summarize}, {@code mv-expand}), {@code let}, or {@code table}
 *     for a stage that names what the query reads
 * @param start offset of the stage's first character in the query (its pipe, for an operator)
 * @param end offset just after its last token (the {@code ;} of a statement)
 * @param tokens the stage's tokens, pipe and operator included
 */
public record KqlStage(int depth, String command, int start, int end, List<Token<KqlTokenKind>> tokens) {
}
