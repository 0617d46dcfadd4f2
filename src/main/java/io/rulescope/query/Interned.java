package io.rulescope.query;

/**
 * One shared copy of the short strings analyses repeat across thousands of rules (field names, common values such as
 * {@code powershell.exe}). Long values (hash lists, regular expressions) are rarely shared and stay as they are.
 */
final class Interned {

    static final int MAX_LENGTH = 256;

    private Interned() {
    }

    static String of(String s) {
        return s == null || s.length() > MAX_LENGTH ? s : s.intern();
    }

    /** An immutable copy with each element interned; the same list when it already is one (a predicate's list, say). */
    static java.util.List<String> all(java.util.List<String> strings) {
        for (String s : strings) {
            if (s != of(s)) {
                return strings.stream().map(Interned::of).toList();
            }
        }
        return java.util.List.copyOf(strings);
    }
}
