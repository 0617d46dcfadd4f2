package io.rulescope.dialect.spl;

import java.util.ArrayList;
import java.util.List;

/** A macro call as written between backticks: {@code name} or {@code name(arg, "arg two")}. */
public record MacroCall(String name, List<String> arguments) {

    public static MacroCall parse(String text) {
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            return new MacroCall(t, List.of());
        }
        List<String> args = new ArrayList<>();
        String inner = t.substring(open + 1, t.length() - 1);
        int depth = 0;
        boolean quoted = false;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '"' && (i == 0 || inner.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                args.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        if (!inner.isBlank()) {
            args.add(current.toString().strip());
        }
        return new MacroCall(t.substring(0, open).strip(), List.copyOf(args));
    }

    /** How Splunk resolves the call: by name and number of arguments. */
    public String key() {
        return arguments.isEmpty() ? name : name + "(" + arguments.size() + ")";
    }

    public boolean isFilterHook() {
        return name.endsWith("_filter");
    }
}
