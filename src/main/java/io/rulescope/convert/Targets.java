package io.rulescope.convert;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets Sigma rules convert to, in the order pages offer them. */
public final class Targets {

    public static final Target SPLUNK = Target.asWritten("splunk", "Splunk SPL", "spl");

    public static final Target KUSTO = Target.asWritten("kusto", "Microsoft KQL", "kql");

    private static final List<Target> ALL = List.of(
            SPLUNK,
            Target.mapped("splunk-windows", "Splunk SPL, Windows add-on", "spl", "splunk-windows"),
            Target.mapped("splunk-cim", "Splunk SPL, CIM data model", "spl", "splunk-cim"),
            KUSTO,
            Target.mapped("kusto-xdr", "Microsoft KQL, Defender XDR", "kql", "microsoft-xdr"),
            Target.mapped("kusto-asim", "Microsoft KQL, Sentinel ASIM", "kql", "sentinel-asim"),
            Target.mapped("kusto-azure-monitor", "Microsoft KQL, Azure Monitor", "kql", "azure-monitor"),
            Target.asWritten("lucene", "Elastic Lucene", "lucene"),
            Target.asWritten("eql", "Elastic EQL", "eql"),
            Target.asWritten("esql", "Elastic ES|QL", "esql"),
            Target.mapped("lucene-ecs", "Elastic Lucene, ECS", "lucene", "ecs-windows"),
            Target.mapped("eql-ecs", "Elastic EQL, ECS", "eql", "ecs-windows"),
            Target.mapped("esql-ecs", "Elastic ES|QL, ECS", "esql", "ecs-windows"));

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
