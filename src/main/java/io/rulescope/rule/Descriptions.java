package io.rulescope.rule;

import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Rule descriptions as HTML: authors write Markdown-ish text (`inline code`, [links](...), lists), so it is rendered
 * as Markdown. Descriptions are untrusted: raw HTML in them is escaped, not passed through, link targets other than
 * http(s) and mailto are dropped (no {@code javascript:}), and links open without passing the page as referrer.
 */
public final class Descriptions {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            }).build();

    /** Descriptions longer than this are shown as plain text: a guard against pathological input, not a real limit. */
    static final int MAX_LENGTH = 50_000;

    private Descriptions() {
    }

    /** The description as safe HTML, or null when there is none. */
    public static String toHtml(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_LENGTH) {
            return "<p>" + org.springframework.web.util.HtmlUtils.htmlEscape(description) + "</p>";
        }
        return RENDERER.render(PARSER.parse(description));
    }
}
