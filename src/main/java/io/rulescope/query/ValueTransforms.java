package io.rulescope.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value-transforming modifiers a predicate may carry (Sigma's), applied in the order the rule writes them:
 * {@code windash} (every command-line dash also as {@code /} and the Unicode dashes), {@code utf16le}/{@code utf16be}/
 * {@code utf16}/{@code wide} (the text as UTF-16 bytes), {@code base64} and {@code base64offset} (the bytes encoded,
 * the latter at each of the three offsets an encoded substring can start at, as pySigma does). The matcher and the
 * converters apply them alike.
 */
public final class ValueTransforms {

    /** The modifiers that transform a value before it is matched. */
    public static final java.util.Set<String> NAMES = java.util.Set.of("windash", "base64", "base64offset", "utf16le", "utf16be",
            "utf16", "wide");

    /** A dash that opens a command-line flag: not after a word character, before one. */
    private static final Pattern FLAG_DASH = Pattern.compile("\\B[-/]\\b");
    private static final String DASHES = "-/\u2013\u2014\u2015";
    /** More dash positions than this get one dash kind for all of them rather than every combination. */
    private static final int MAX_COMBINED = 2;

    /** One value after the transforms; {@code wildcards} says whether its {@code *} and {@code ?} are still Sigma's. */
    public record Variant(String text, boolean wildcards) {
    }

    private ValueTransforms() {
    }

    public static List<Variant> apply(String value, List<String> transforms) {
        List<Variant> texts = List.of(new Variant(value, true));
        List<byte[]> bytes = null;
        for (String t : transforms) {
            switch (t) {
                case "windash" -> texts = texts.stream().flatMap(v -> windash(v.text()).stream().map(s -> new Variant(s, v.wildcards()))).toList();
                case "utf16le", "wide" -> bytes = encode(texts, StandardCharsets.UTF_16LE, false);
                case "utf16be" -> bytes = encode(texts, StandardCharsets.UTF_16BE, false);
                case "utf16" -> bytes = encode(texts, StandardCharsets.UTF_16LE, true);
                case "base64" -> {
                    List<byte[]> in = bytes != null ? bytes : encode(texts, StandardCharsets.UTF_8, false);
                    texts = in.stream().map(b -> new Variant(Base64.getEncoder().encodeToString(b), false)).toList();
                    bytes = null;
                }
                case "base64offset" -> {
                    List<byte[]> in = bytes != null ? bytes : encode(texts, StandardCharsets.UTF_8, false);
                    List<Variant> out = new ArrayList<>();
                    in.forEach(b -> base64Offsets(b).forEach(s -> out.add(new Variant(s, false))));
                    texts = out;
                    bytes = null;
                }
                default -> {
                }
            }
        }
        if (bytes != null) {
            texts = bytes.stream().map(b -> new Variant(new String(b, StandardCharsets.ISO_8859_1), false)).toList();
        }
        return texts;
    }

    static List<String> windash(String value) {
        Matcher m = FLAG_DASH.matcher(value);
        List<Integer> positions = new ArrayList<>();
        while (m.find()) {
            positions.add(m.start());
        }
        if (positions.isEmpty()) {
            return List.of(value);
        }
        List<String> out = new ArrayList<>();
        if (positions.size() > MAX_COMBINED) {
            for (char dash : DASHES.toCharArray()) {
                char[] chars = value.toCharArray();
                positions.forEach(p -> chars[p] = dash);
                out.add(new String(chars));
            }
            return out;
        }
        combine(value.toCharArray(), positions, 0, out);
        return out;
    }

    private static void combine(char[] chars, List<Integer> positions, int i, List<String> out) {
        if (i == positions.size()) {
            out.add(new String(chars));
            return;
        }
        for (char dash : DASHES.toCharArray()) {
            chars[positions.get(i)] = dash;
            combine(chars, positions, i + 1, out);
        }
    }

    private static List<byte[]> encode(List<Variant> texts, java.nio.charset.Charset charset, boolean bom) {
        List<byte[]> out = new ArrayList<>();
        for (Variant v : texts) {
            byte[] b = unescape(v).getBytes(charset);
            if (bom) {
                byte[] withBom = new byte[b.length + 2];
                withBom[0] = (byte) 0xFF;
                withBom[1] = (byte) 0xFE;
                System.arraycopy(b, 0, withBom, 2, b.length);
                b = withBom;
            }
            out.add(b);
        }
        return out;
    }

    /** The characters a Sigma value stands for, its escapes undone (what gets encoded). */
    private static String unescape(Variant v) {
        if (!v.wildcards()) {
            return v.text();
        }
        String s = v.text();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The three encodings of {@code value} as it appears inside a longer encoded text, trimmed of unstable edges. */
    static List<String> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[value.length + i];
            for (int j = 0; j < i; j++) {
                shifted[j] = ' ';
            }
            System.arraycopy(value, 0, shifted, i, value.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int trim = endTrim[(value.length + i) % 3];
            int end = encoded.length() - trim;
            out.add(end > start[i] ? encoded.substring(start[i], end) : "");
        }
        return out;
    }
}
