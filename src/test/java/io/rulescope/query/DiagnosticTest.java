package io.rulescope.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DiagnosticTest {

    private static final Expr FILTER = new Expr.Leaf(Predicate.of("f", Kind.EQ, "x"));

    @Test
    void aPartLeftUnanalysedByDesignDoesNotMakeAStagePartlyAnalysed() {
        Expr stage = new Expr.And(List.of(FILTER, Expr.Opaque.of("$e.ip in %allowed", Diagnostic.REFERENCE_LIST, "%allowed")));

        StageAnalysis analysed = StageAnalysis.noting(1, "event $e", "", stage, null, 0, List.of());

        assertThat(Expr.firstGap(stage)).isNull();
        assertThat(analysed.partlyAnalysed()).isFalse();
        assertThat(analysed.note()).isNull();
    }

    @Test
    void aGapIsNamedAfterTheByDesignPartsBeforeIt() {
        Expr stage = new Expr.Or(List.of(Expr.Opaque.of("$a.x < $b.y", Diagnostic.EVENTS_COMPARED),
                Expr.Opaque.of("math.abs($e.x) > 5", Diagnostic.FUNCTION_NOT_ANALYSED, "math.abs")));

        StageAnalysis analysed = StageAnalysis.noting(1, "event $e", "", stage, "a note that only describes", 0, List.of());

        assertThat(analysed.partlyAnalysed()).isTrue();
        assertThat(analysed.noteCode()).isEqualTo(Diagnostic.PARTLY_NOT_ANALYSED);
        assertThat(analysed.note()).isEqualTo("partly not analysed: function math.abs is not analysed");
    }

    @Test
    void aDiagnosticsTemplateIsFilledAndItsCodeIsItsName() {
        QueryParseException e = new QueryParseException(Diagnostic.UNBALANCED, 7, ")", "(", 2);

        assertThat(e.getMessage()).isEqualTo("missing ')' for the '(' at position 2");
        assertThat(e.describe()).isEqualTo("missing ')' for the '(' at position 2 (UNBALANCED at position 7)");
    }
}
