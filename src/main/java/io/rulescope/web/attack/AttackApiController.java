package io.rulescope.web.attack;

import java.util.List;

import io.rulescope.catalog.Catalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The matrix's data for tools and for the matrix page's cells opened on demand.
 */
@RestController
class AttackApiController {

    private final Matrices matrices;

    AttackApiController(Matrices matrices) {
        this.matrices = matrices;
    }

    /**
     * The sub-techniques of one matrix cell with their counts, for the matrix page to show on demand: the page itself
     * stays small (every technique, but no sub-technique lists) and a cell costs nothing until it is opened.
     */
    @GetMapping(path = "/api/attack/sub-techniques", produces = "application/json")
    List<SubTechnique> subTechniques(@RequestParam String id, @RequestParam(defaultValue = "") String tactic,
            @RequestParam(required = false) String q, Catalog catalog) {
        return matrices.of(catalog, q).columns().stream()
                .filter(c -> tactic.isEmpty() || c.tactic().shortName().equals(tactic))
                .flatMap(c -> c.cells().stream()).filter(cell -> cell.technique().id().equals(id)).findFirst()
                .map(cell -> cell.subTechniques().stream().map(sub -> new SubTechnique(sub.technique().id(), sub.label(), sub.rules(),
                        sub.shade(), sub.declaredOnly())).toList()).orElse(List.of());
    }

    /** One sub-technique of a matrix cell: its rules, the shade the matrix paints, and whether only rules place it. */
    record SubTechnique(String id, String name, long rules, int shade, boolean declaredOnly) {
    }
}
