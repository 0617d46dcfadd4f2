package io.rulescope.indicator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rulescope.query.Indicator;
import io.rulescope.query.Kind;
import io.rulescope.query.Polarity;

/**
 * What a rule detects, as terms comparable across vendors: its positive indicators on fields that say what happened,
 * each reduced to a field family and a bare value. {@code Image|endswith: '\rundll32.exe'} (Sigma),
 * {@code process.name : "rundll32.exe"} (Elastic) and {@code FileName =~ "rundll32.exe"} (Defender) are one term,
 * {@code image=rundll32.exe}. What a rule excludes, and the fields that only say which log a rule reads
 * ({@code event.type : "start"}, {@code host.os.type : "windows"}), are left out: every rule of a platform shares them.
 */
final class DetectionTerms {

    /** Fields that choose a log or a platform rather than describe an activity. */
    private static final Set<String> BOILERPLATE = Set.of("event.code", "event.category", "event.type", "event.kind", "event.dataset",
            "event.module", "event.outcome", "host.os.type", "host.os.family", "host.os.name", "os.type", "agent.type", "data_stream.dataset",
            "data_stream.namespace", "winlog.channel", "channel", "index", "sourcetype", "source", "type", "actiontype", "logsource",
            "event.provider", "provider_name", "provider", "eventsourcename", "eventlog", "logname", "eventtype", "tag", "_index", "product",
            "service", "category");

    /** Field families: names that hold the same thing where vendors split it differently. */
    private static final Map<String, String> FAMILIES = families();

    private static Map<String, String> families() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String f : List.of("process.executable", "process.name", "process.original_file_name", "process.pe.original_file_name",
                "originalfilename", "image")) {
            map.put(f, "image");
        }
        for (String f : List.of("process.command_line", "process.args", "powershell.file.script_block_text", "scriptblocktext",
                "payload", "powershell.command.value", "commandline")) {
            map.put(f, "command");
        }
        for (String f : List.of("process.parent.executable", "process.parent.name", "process.parent.original_file_name", "parentimage")) {
            map.put(f, "parent");
        }
        for (String f : List.of("process.parent.command_line", "process.parent.args", "parentcommandline")) {
            map.put(f, "parent.command");
        }
        for (String f : List.of("eventname", "event.action", "azure::operationname", "operationnamevalue", "operation")) {
            map.put(f, "action");
        }
        for (String f : List.of("file.path", "file.name", "targetfilename", "folderpath", "file_name", "file_path")) {
            map.put(f, "file");
        }
        for (String f : List.of("registry.path", "registry.key", "registry.value", "targetobject", "registrykey", "registryvaluename",
                "registry_value_name", "registry_key_name", "registry_path", "objectname")) {
            map.put(f, "registry");
        }
        for (String f : List.of("dns.question.name", "queryname")) {
            map.put(f, "dns");
        }
        map.put("target.process.executable", "target.process");
        map.put("process.target.executable", "target.process");
        map.put("targetimage", "target.process");
        map.put("source.process.executable", "source.process");
        map.put("sourceimage", "source.process");
        return Map.copyOf(map);
    }

    private DetectionTerms() {
    }

    /** One comparable term: a field family and a bare value; {@code written} is how the rule wrote it, for reasons. */
    record Term(String key, String written) {
    }

    /** The terms of one rule's indicators, each once, in the order the rule has them. */
    static List<Term> of(List<Indicator> indicators) {
        Map<String, Term> terms = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            if (i.polarity() != Polarity.MATCH || i.value() == null || !(i.kind().isTextMatch() || i.kind() == Kind.RE)) {
                continue;
            }
            String field = i.canonicalField().toLowerCase(Locale.ROOT);
            if (BOILERPLATE.contains(field) || BOILERPLATE.contains(i.field().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String family = family(field, i.field());
            String value = bare(i.value(), family);
            String written = i.field() + " " + i.kind().label() + " " + i.value();
            for (String key : keys(family, value)) {
                terms.putIfAbsent(key, new Term(key, written));
            }
        }
        return List.copyOf(terms.values());
    }

    /**
     * The keys one value is compared by. A process image is a file name ({@code leaf=sethc.exe}), the same key as
     * the end of a file path, a registry path or a path on a command line, since vendors test one thing on any of
     * these ({@code \Windows\System32\sethc.exe} written, {@code sethc.exe} run).
     */
    static List<String> keys(String family, String value) {
        List<String> keys = new java.util.ArrayList<>();
        switch (family) {
            case "image" -> add(keys, LEAF, value);
            // Vendors write one path in full, from a hive or a drive, or only its end: the end is what they share.
            case "file", "registry" -> add(keys, LEAF, leaf(value));
            case "command" -> commandKeys(value, keys);
            default -> add(keys, family + "=", value);
        }
        return keys;
    }

    /**
     * A command line fragment as itself, its words and, where it names a file, that file: vendors cut one command
     * line into different pieces ({@code " -sc "} and {@code -sc trustdmp}; {@code sekurlsa::logonpasswords} and
     * {@code Invoke-Mimikatz}), and a word alone is a word wherever it came from.
     */
    private static void commandKeys(String value, List<String> keys) {
        if (WORD.matcher(value).matches()) {
            add(keys, WORD_KEY, value);
            return;
        }
        add(keys, COMMAND_KEY, value);
        for (String word : NOT_WORD.split(value)) {
            if (word.length() >= 4) {
                add(keys, WORD_KEY, word);
            }
        }
        if (value.indexOf('\\') >= 0 || value.indexOf('/') >= 0) {
            add(keys, LEAF, leaf(value));
        } else if (FILE_NAME.matcher(value).matches()) {
            add(keys, LEAF, value);
        }
        if (value.indexOf(' ') > 0) {
            for (String piece : value.split("\\s+")) {
                add(keys, COMMAND_KEY, trim(piece, "\"'"));
            }
        }
    }

    private static final java.util.regex.Pattern FILE_NAME = java.util.regex.Pattern.compile("[\\w.-]+\\.(exe|dll|sys|ps1|bat|cmd|vbs|js|hta|cpl|msi|lnk)");
    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[a-z0-9]+");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^a-z0-9]+");
    static final String WORD_KEY = "word=";
    static final String COMMAND_KEY = "command=";

    /** The key of a file name, wherever a rule tests it. */
    static final String LEAF = "leaf=";

    private static void add(List<String> keys, String prefix, String value) {
        if (value.length() >= 3 && !keys.contains(prefix + value)) {
            keys.add(prefix + value);
        }
    }

    /** The last part of a path: {@code \System\...\WDigest\} is {@code wdigest}. */
    static String leaf(String value) {
        String v = trim(value, "\\/*");
        int slash = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
        return slash >= 0 ? v.substring(slash + 1) : v;
    }

    /**
     * The family of a field: by its canonical name, by the name as written, or by the Windows event field an Elastic
     * rule reads raw ({@code winlog.event_data.TargetImage} is Sysmon's {@code TargetImage}).
     */
    static String family(String canonical, String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        String raw = lower.startsWith(WINLOG_DATA) ? lower.substring(WINLOG_DATA.length()) : lower;
        return FAMILIES.getOrDefault(canonical, FAMILIES.getOrDefault(lower, FAMILIES.getOrDefault(raw, raw.equals(lower) ? canonical : raw)));
    }

    private static final String WINLOG_DATA = "winlog.event_data.";

    /**
     * The value without what vendors write differently around it: letter case, outer wildcards and quotes, and for
     * paths, the folders ({@code C:\Windows\System32\rundll32.exe} is {@code rundll32.exe}).
     */
    static String bare(String value, String family) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        v = trim(v, "*?%\"' {}");
        if (family.equals("image") || family.equals("parent") || family.equals("target.process") || family.equals("source.process")) {
            int slash = Math.max(v.lastIndexOf('\\'), v.lastIndexOf('/'));
            if (slash >= 0 && slash < v.length() - 1) {
                v = v.substring(slash + 1);
            }
        }
        return trim(v, "*%\"' .{}");
    }

    private static String trim(String v, String chars) {
        int start = 0;
        int end = v.length();
        while (start < end && chars.indexOf(v.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(v.charAt(end - 1)) >= 0) {
            end--;
        }
        return v.substring(start, end);
    }
}
