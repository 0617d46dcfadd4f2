package io.rulescope.web.convert;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.rulescope.catalog.Catalog;
import io.rulescope.convert.Target;
import io.rulescope.convert.Targets;

/** {@code /convert}: a Sigma rule the user pastes, written for the SIEM they choose. */
@Controller
class ConvertController {

    /** What the page offers to try when nothing is pasted yet. */
    static final String EXAMPLE = """
            title: Certutil downloads a file
            status: test
            logsource:
                category: process_creation
                product: windows
            detection:
                selection_img:
                    - Image|endswith: '\\certutil.exe'
                    - OriginalFileName: 'CertUtil.exe'
                selection_cli:
                    CommandLine|contains:
                        - 'urlcache '
                        - 'verifyctl '
                condition: all of selection_*
            """;

    @GetMapping("/convert")
    String page(@RequestParam(required = false) String target, Model model) {
        return show(null, Targets.byId(target).orElse(Targets.SPLUNK), null, model);
    }

    @PostMapping("/convert")
    String convert(@RequestParam(required = false) String yaml, @RequestParam(required = false) String target, Catalog catalog, Model model,
            HttpServletResponse response) {
        Target chosen = Targets.byId(target).orElse(Targets.SPLUNK);
        PastedRules.Result result = PastedRules.convert(yaml, chosen, catalog.indicators().taxonomy());
        if (!result.readable()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        return show(yaml, chosen, result, model);
    }

    private static String show(String yaml, Target target, PastedRules.Result result, Model model) {
        model.addAttribute("yaml", yaml == null ? EXAMPLE : yaml);
        model.addAttribute("target", target);
        model.addAttribute("targets", Targets.all());
        model.addAttribute("result", result);
        model.addAttribute("converted", result == null ? List.of()
                : result.rules().stream().map(r -> new Shown(r.title(), new io.rulescope.web.rule.RuleView.Converted(target, r.conversion()))).toList());
        model.addAttribute("maxBytes", PastedRules.MAX_BYTES);
        return "convert/convert";
    }

    /** One pasted rule as the page shows it. */
    record Shown(String title, io.rulescope.web.rule.RuleView.Converted conversion) {
    }
}
