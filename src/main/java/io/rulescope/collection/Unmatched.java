package io.rulescope.collection;

/** Something a user asked to add that names no rule of the catalog, and why. */
public record Unmatched(String item, String reason) {
}
