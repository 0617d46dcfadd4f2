package io.rulescope.query;

import java.util.List;

/**
 * A Splunk search macro as security_content defines it. {@code name} is the call name without arity
 * ({@code security_content_ctime}); {@code arguments} are the parameter names substituted as {@code $arg$}.
 */
public record Macro(String name, List<String> arguments, String definition, String source) {

    /** The key Splunk resolves a call by: the name, plus {@code (n)} for a macro with n arguments. */
    public String key() {
        return arguments.isEmpty() ? name : name + "(" + arguments.size() + ")";
    }
}
