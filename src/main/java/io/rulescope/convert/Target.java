package io.rulescope.convert;

/**
 * Where a Sigma rule can be taken: a query language (the backend) and the field-mapping pipeline that names the
 * rule's fields as that SIEM's data does.
 *
 * @param id the name used in every URL and answer ({@code splunk}, {@code kusto-xdr}, ...)
 * @param language the language whose dialect writes the query ({@code spl}, {@code kql}, {@code eql}, ...)
 * @param pipelineId the pipeline of {@code content/convert/pipelines.yml}, or null for fields as the rule writes them
 * @param pipeline what maps the fields, in words
 */
public record Target(String id, String name, String language, String pipelineId, String pipeline) {

    /** Whose SIEM it is, as pages group the targets: Splunk, Microsoft or Elastic. */
    public String vendor() {
        return switch (language) {
            case "spl" -> "Splunk";
            case "kql" -> "Microsoft";
            default -> "Elastic";
        };
    }

    static Target asWritten(String id, String name, String language) {
        return new Target(id, name, language, null, "fields as the rule writes them");
    }

    static Target mapped(String id, String name, String language, String pipelineId) {
        return new Target(id, name, language, pipelineId, Pipelines.get(pipelineId).name());
    }

    /** The pipeline as it applies to a rule's log source. */
    public Pipeline.Applied pipelineFor(LogSource source) {
        return pipelineId == null ? Pipeline.Applied.NONE : Pipelines.get(pipelineId).apply(source);
    }
}
