package io.rulescope.ingest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

@Controller
class IngestController {

    private final IngestService ingest;

    IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    @GetMapping("/ingest")
    String page(Model model) {
        model.addAttribute("report", ingest.report());
        model.addAttribute("supportingData", ingest.supportingData());
        return "ingest";
    }

    @GetMapping(path = "/api/ingest", produces = "application/json")
    @ResponseBody
    IngestReport api() {
        return ingest.report();
    }
}
