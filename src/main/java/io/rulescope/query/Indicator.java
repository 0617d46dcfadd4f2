package io.rulescope.query;

import java.util.List;
import java.util.Locale;

/**
 * What a rule matches, reduced to a comparable unit: a field (as written and folded to its canonical name), a kind,
 * a value and a polarity. Two rules share an indicator when their {@link #key()}s are equal.
 *
 * @param dataModel the CIM dataset of a qualified SPL field ({@code Processes}), or null
 * @param viaMacro the SPL macro whose expansion holds this indicator, or null
 * @param caseSensitive whether the platform compares this value with case (Sigma {@code |cased}, SPL {@code CASE()})
 */
public record Indicator(String field, String dataModel, String canonicalField, Kind kind, String value, Polarity polarity,
        List<String> modifiers, boolean caseSensitive, int stage, String viaMacro) {

    public Indicator {
        modifiers = Interned.all(modifiers);
        // A catalog holds about 100,000 indicators over a few thousand distinct fields and values: one copy of each.
        field = Interned.of(field);
        dataModel = Interned.of(dataModel);
        canonicalField = Interned.of(canonicalField);
        value = Interned.of(value);
        viaMacro = Interned.of(viaMacro);
    }

    /** The identity used for corpus counts: canonical field, kind, value compared the platform's way, polarity. */
    public String key() {
        return key(canonicalField, kind, value, polarity, caseSensitive);
    }

    public static String key(String canonicalField, Kind kind, String value, Polarity polarity, boolean caseSensitive) {
        String v = value == null ? "" : caseSensitive || !kind.isTextMatch() && kind != Kind.RE ? value : value.toLowerCase(Locale.ROOT);
        return canonicalField.toLowerCase(Locale.ROOT) + "\u0000" + kind.label() + "\u0000" + v + "\u0000" + polarity.label();
    }
}
