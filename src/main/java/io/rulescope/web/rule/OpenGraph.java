package io.rulescope.web.rule;

import io.rulescope.rule.Rule;

/** What a pasted permalink unfurls to in chat: title, a one-line description, the canonical URL. */
public record OpenGraph(String title, String description, String url) {

    static OpenGraph of(RuleView view, String absoluteUrl) {
        Rule r = view.rule();
        StringBuilder d = new StringBuilder(r.getPlatform() == null ? "" : r.getPlatform() + " rule");
        if (!r.getTechniqueIds().isEmpty()) {
            d.append(" · ").append(String.join(", ", r.getTechniqueIds()));
        }
        if (r.getSeverity() != null) {
            d.append(" · ").append(r.getSeverity());
        }
        if (r.getDescription() != null) {
            String text = r.getDescription().replaceAll("\\s+", " ").strip();
            d.append(" · ").append(text.length() > 220 ? text.substring(0, 217) + "…" : text);
        }
        return new OpenGraph(r.getTitle(), d.toString(), absoluteUrl);
    }
}
