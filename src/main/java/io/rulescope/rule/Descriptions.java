package io.rulescope.rule;

import java.util.Locale;
import java.util.Set;

import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Rule descriptions as HTML: authors write Markdown-ish text (`inline code`, [links](...), lists), so it is rendered
 * as Markdown. Descriptions are untrusted: raw HTML in them is escaped, not passed through, link targets other than
 * http(s) and mailto are dropped (no {@code javascript:} or {@code data:}), images are shown as their alt text (an
 * image would be fetched from wherever the rule's author chose), and links open without passing the page as referrer.
 */
public final class Descriptions {

    private static final Parser PARSER = Parser.builder().build();
    private static final UrlSanitizer WEB_LINKS_ONLY = new UrlSanitizer() {
        @Override
        public String sanitizeLinkUrl(String url) {
            String lower = url.strip().toLowerCase(Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:") ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return "";
        }
    };

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).urlSanitizer(WEB_LINKS_ONLY)
            .nodeRendererFactory(context -> new NodeRenderer() {
                @Override
                public Set<Class<? extends Node>> getNodeTypes() {
                    return Set.of(Image.class);
                }

                @Override
                public void render(Node image) {
                    StringBuilder alt = new StringBuilder();
                    for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
                        if (child instanceof Text text) {
                            alt.append(text.getLiteral());
                        }
                    }
                    context.getWriter().text(alt.toString());
                }
            })
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
