package io.rulescope.web.ingest;

import io.rulescope.ingest.IngestService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class IngestController {

    private final IngestService ingest;

    IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    @GetMapping("/ingest")
    String page(Model model) {
        model.addAttribute("report", ingest.report());
        model.addAttribute("refreshing", ingest.refreshInProgress());
        model.addAttribute("refreshes", ingest.refreshes());
        return "ingest";
    }

}
