package io.rulescope.convert;

/**
 * Where a Sigma rule can be taken: a query language (the backend) and the field-mapping pipeline that names the
 * rule's fields as that SIEM's data does.
 *
 * @param id the name used in every URL and answer ({@code splunk}, {@code kusto-xdr}, ...)
 * @param pipeline what maps the fields, in words ("fields as the rule writes them")
 */
public record Target(String id, String name, String language, String pipeline) {
}
