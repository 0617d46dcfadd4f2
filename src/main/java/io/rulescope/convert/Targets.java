package io.rulescope.convert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets Sigma rules convert to, in the order pages offer them. */
public final class Targets {

    public static final Target SPLUNK = new Target("splunk", "Splunk SPL", "spl", "fields as the rule writes them");

    public static final Target KUSTO = new Target("kusto", "Microsoft KQL", "kql", "fields as the rule writes them");

    private static final List<Target> ALL = List.of(SPLUNK, KUSTO);

    private Targets() {
    }

    public static List<Target> all() {
        return ALL;
    }

    public static Optional<Target> byId(String id) {
        String key = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(t -> t.id().equals(key)).findFirst();
    }
}
