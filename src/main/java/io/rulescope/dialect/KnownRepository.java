package io.rulescope.dialect;

/**
 * A public rule repository a source folder was recognised as: {@code webHome} is the address its files are under
 * (ending in {@code /}), {@code label} how pages name it ("github.com/SigmaHQ/sigma").
 */
public record KnownRepository(String webHome, String label) {
}
