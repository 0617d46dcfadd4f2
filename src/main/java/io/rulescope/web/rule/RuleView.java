package io.rulescope.web.rule;

import java.util.List;

import io.rulescope.attack.AttackCatalog.CoverageRow;
import io.rulescope.indicator.IndicatorIndex;
import io.rulescope.indicator.RuleAnatomy;
import io.rulescope.rule.Descriptions;
import io.rulescope.rule.Rule;

/**
 * A rule as its page shows it: the entity plus what is derived for display.
 *
 * @param permalink this rule's own permalink ({@code /rules/{id}}, or {@code /rules/{id}/{uid}} when the id is shared)
 * @param sourceLabel how the source is named ({@code github.com/splunk/security_content})
 */
public record RuleView(Rule rule, String permalink, String sourceLabel, List<CoverageRow> coverage,
        List<Reference> references, int sharingId, RuleAnatomy anatomy, List<IndicatorIndex.FieldName> groupBy,
        List<SimilarRule> similar, List<Elsewhere> elsewhere) {

    /** The description rendered from its Markdown, escaped; made at render time like the body. */
    public String descriptionHtml() {
        return Descriptions.toHtml(rule.getDescription());
    }

    /** Elastic's investigation guide, rendered from its Markdown like the description. */
    public String investigationGuideHtml() {
        return Descriptions.toHtml(rule.getInvestigationGuide());
    }

    /** How to implement (ESCU) or set up (Elastic) the rule; prose or Markdown, rendered as Markdown either way. */
    public String implementationHtml() {
        return Descriptions.toHtml(rule.getHowToImplement());
    }

    /** Some layouts (Elastic's) write each false positive as a Markdown paragraph; others write plain lines. */
    public boolean falsePositivesInMarkdown() {
        return rule.getFormat().falsePositivesInMarkdown();
    }

    public String falsePositivesHtml() {
        return Descriptions.toHtml(rule.getKnownFalsePositives());
    }

    /**
     * The rule's source, highlighted, with every piece of rule text escaped. Made when a page is rendered, not kept:
     * it is the largest part of a view, and views of a whole catalog are kept.
     */
    public String bodyHtml() {
        return YamlHighlighter.toHtml(rule.getRaw());
    }

    /** A rule sharing indicators with this one, as the "Similar rules" section lists it. */
    public record SimilarRule(String ruleId, String title, String platform, String permalink, List<String> shared) {
    }

    /** The rules of one other platform that detect what this rule detects, best first. */
    public record Elsewhere(String platform, List<Counterpart> rules) {
    }

    /** One of them, with the reason in a line ("both: process creation; CommandLine contains comsvcs; T1003.001"). */
    public record Counterpart(String ruleId, String title, String platform, String permalink, String reason, double score) {
    }

    /**
     * A Sigma rule written for one SIEM ("Use in Splunk SPL, CIM data model"): the query to copy with the fields the
     * pipeline renamed, or why the target cannot express the rule.
     */
    public record Converted(io.rulescope.convert.Target target, io.rulescope.convert.Conversion conversion) {

        public boolean complete() {
            return conversion.isComplete();
        }

        public String query() {
            return conversion.queries().isEmpty() ? "" : conversion.queries().get(0);
        }
    }

    /** A reference as written; {@code href} is set only for http(s) URLs, so nothing else becomes a link. */
    public record Reference(String text, String href) {
    }
}
