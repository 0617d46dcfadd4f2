package io.rulescope.dialect;

/** A document that is a rule but cannot be shown as one; the reason is meant for the person who wrote it. */
public final class MappingException extends RuntimeException {

    public MappingException(String reason) {
        super(reason);
    }
}
