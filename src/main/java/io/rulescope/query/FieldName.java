package io.rulescope.query;

import java.util.Set;

/**
 * A field as SPL writes it, split into the CIM dataset and the field where it is qualified:
 * {@code Processes.process_name} is {@code process_name} in the {@code Processes} dataset.
 */
public record FieldName(String name, String dataModel) {

    /** CIM datasets that qualify field names after {@code tstats ... from datamodel=}. */
    private static final Set<String> DATASETS = Set.of("Processes", "Filesystem", "Registry", "Services", "Ports",
            "All_Changes", "Account_Management", "Endpoint_Changes", "Network_Changes", "Instance_Changes",
            "Authentication", "Failed_Authentication", "Successful_Authentication", "Privileged_Authentication",
            "All_Traffic", "Web", "Proxy", "DNS", "All_Email", "All_Risk", "Updates", "Vulnerabilities",
            "Certificates", "All_Certificates", "SSL", "IDS_Attacks", "Malware_Attacks", "All_Inventory", "Alerts",
            "All_Data_Access", "Network_Sessions", "DHCP", "Splunk_Audit", "Application_State", "Endpoint",
            "Network_Resolution", "Intrusion_Detection", "Change", "Risk", "Email");

    public static FieldName of(String raw) {
        int dot = raw.indexOf('.');
        if (dot > 0 && DATASETS.contains(raw.substring(0, dot))) {
            return new FieldName(raw.substring(dot + 1), raw.substring(0, dot));
        }
        return new FieldName(raw, null);
    }
}
