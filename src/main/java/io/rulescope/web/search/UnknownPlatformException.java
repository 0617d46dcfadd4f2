package io.rulescope.web.search;

import java.util.List;

import io.rulescope.error.RulescopeException;

/** A platform the catalog has no rules of, asked for by name ({@code /elsewhere?on=...}). */
class UnknownPlatformException extends RulescopeException {

    UnknownPlatformException(String asked, List<String> platforms) {
        super("No rules of a platform called \"" + (asked.length() > 60 ? asked.substring(0, 60) + "…" : asked) + "\"; the catalog has "
                + String.join(", ", platforms) + ".");
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public String code() {
        return "UNKNOWN_PLATFORM";
    }
}
