package io.rulescope.collection;

/** A change to a collection that cannot be made as asked; the message says why, in words a user can act on. */
public class CollectionProblem extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;

    public CollectionProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
