package io.rulescope.system;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import io.rulescope.ingest.IngestReport;
import io.rulescope.ingest.IngestService;

/** Gives every page the ingest state, so the layout can say when the catalog is still loading. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutModelAdvice {

    private final IngestService ingest;

    LayoutModelAdvice(IngestService ingest) {
        this.ingest = ingest;
    }

    @ModelAttribute("ingestState")
    IngestReport ingestState() {
        return ingest.report();
    }
}
