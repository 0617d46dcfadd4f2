package io.rulescope.rule;

import java.text.Normalizer;
import java.util.Locale;

/** Title slugs for readable permalinks ({@code /rules/{id}/aws-exfiltration-via-batch-service}). */
public final class Slugs {

    private static final int MAX_LENGTH = 80;

    private Slugs() {
    }

    public static String of(String title) {
        if (title == null) {
            return "rule";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "rule" : slug;
    }
}
