package io.rulescope.convert;

import java.util.List;

/**
 * A Sigma rule written for one target.
 *
 * @param queries one query per condition of the rule (a rule with a list of conditions gives several)
 * @param mappings each field renamed by the target's pipeline ({@code Image} to {@code process.executable})
 * @param unsupported each construct the target cannot express, in words; when any, the queries are not to be used
 */
public record Conversion(String target, String pipeline, List<String> queries, List<Mapping> mappings, List<String> unsupported) {

    public record Mapping(String from, String to) {
    }

    public boolean isComplete() {
        return unsupported.isEmpty();
    }
}
