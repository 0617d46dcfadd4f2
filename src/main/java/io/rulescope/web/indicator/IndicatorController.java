package io.rulescope.web.indicator;

import java.util.Comparator;
import java.util.List;

import io.rulescope.catalog.Catalog;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;
import io.rulescope.rule.Rule;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The rules that share one indicator: where every corpus count on a rule page leads. */
@Controller
class IndicatorController {

    private static final int MAX_PARAMETER = 2000;


    record Lookup(String field, String canonicalField, Kind kind, String value, Polarity polarity, boolean cased,
            List<Rule> rules, String error) {
    }

    static Lookup lookup(Catalog catalog, String field, String kind, String value, String polarity, boolean cased) {
        if (field == null || field.isBlank() || kind == null || kind.isBlank()) {
            return failed(field, "name a field and a kind, e.g. /indicators?field=EventCode&kind=eq&value=1");
        }
        if (field.length() > MAX_PARAMETER || (value != null && value.length() > MAX_PARAMETER)) {
            return failed(field, "field and value must be shorter than " + MAX_PARAMETER + " characters");
        }
        Kind k;
        try {
            k = Kind.parse(kind);
        } catch (IllegalArgumentException e) {
            return failed(field, "unknown kind '" + abbreviate(kind) + "'; use one of " + java.util.Arrays.stream(Kind.values()).map(Kind::label).toList());
        }
        Polarity p = "exclude".equalsIgnoreCase(polarity) ? Polarity.EXCLUDE : Polarity.MATCH;
        IndicatorIndex indicators = catalog.indicators();
        List<String> uids = indicators.rulesWith(indicators.keyOf(field, k, value, p, cased));
        List<Rule> found = catalog.rules().byUids(uids).stream()
                .sorted(Comparator.comparing(Rule::getTitle, String.CASE_INSENSITIVE_ORDER)).toList();
        return new Lookup(field, indicators.taxonomy().canonical(field), k, value, p, cased, found, null);
    }

    private static Lookup failed(String field, String error) {
        return new Lookup(field, field, null, null, Polarity.MATCH, false, List.of(), error);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    @GetMapping("/indicators")
    String page(@RequestParam(required = false) String field, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String value, @RequestParam(required = false) String polarity,
            @RequestParam(defaultValue = "false") boolean cased, Catalog catalog, Model model, HttpServletResponse response) {
        Lookup lookup = lookup(catalog, field, kind, value, polarity, cased);
        if (lookup.error() != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("lookup", lookup);
        return "indicators";
    }

}
