package io.rulescope.dialect.spl;

import java.util.Map;
import java.util.Optional;

import io.rulescope.query.Macro;

/** Expands macro calls with the definitions found in the sources, substituting {@code $argument$}s. */
public final class MacroExpander {

    /** Deeper nesting than this is treated as a cycle; security_content nests two or three levels at most. */
    public static final int MAX_DEPTH = 10;

    public static final MacroExpander NONE = new MacroExpander(Map.of());

    private final Map<String, Macro> macros;

    public MacroExpander(Map<String, Macro> macros) {
        this.macros = macros;
    }

    public Optional<String> expand(MacroCall call) {
        Macro macro = macros.get(call.key());
        if (macro == null) {
            return Optional.empty();
        }
        String text = macro.definition();
        for (int i = 0; i < macro.arguments().size() && i < call.arguments().size(); i++) {
            text = text.replace("$" + macro.arguments().get(i) + "$", call.arguments().get(i));
        }
        return Optional.of(text.strip());
    }
}
