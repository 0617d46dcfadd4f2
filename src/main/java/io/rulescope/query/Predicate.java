package io.rulescope.query;

import java.util.List;

/**
 * One {@code field kind value} test as written in a rule. {@code value} is null for {@link Kind#EXISTS} and
 * {@link Kind#NULL}; {@code dataModel} is the CIM dataset a qualified field named ({@code Processes} for
 * {@code Processes.process_name}); {@code viaMacro} names the macro whose expansion produced it.
 */
public record Predicate(String field, String dataModel, Kind kind, String value, List<String> modifiers, String viaMacro) {

    public Predicate {
        modifiers = Interned.all(modifiers);
        field = Interned.of(field);
        dataModel = Interned.of(dataModel);
        value = Interned.of(value);
        viaMacro = Interned.of(viaMacro);
    }

    public static Predicate of(String field, Kind kind, String value) {
        return new Predicate(field, null, kind, value, List.of(), null);
    }

    @Override
    public String toString() {
        String v = value == null ? "" : " " + value;
        return (dataModel == null ? "" : dataModel + ".") + field + " " + kind.label() + v;
    }
}
