package io.rulescope.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.rulescope.dialect.Dialects;

/** Which files are rule files, by name: YAML, TOML, or a file type a dialect reads itself. */
public final class RuleFileNames {

    private RuleFileNames() {
    }

    public static boolean isRuleFile(String name) {
        return isYaml(name) || isToml(name) || Dialects.readerFor(name).isPresent();
    }

    public static boolean isYaml(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    public static boolean isToml(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".toml");
    }

    /** The file name endings of every rule file, with their dots. */
    public static List<String> extensions() {
        List<String> all = new ArrayList<>(List.of(".yml", ".yaml", ".toml"));
        all.addAll(Dialects.extraFileExtensions());
        return all;
    }
}
