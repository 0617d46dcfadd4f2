package io.rulescope.collection.imports;

/** A file that cannot be read as the format it was given as: the message says where and why. */
public class ImportProblem extends RuntimeException {

    public ImportProblem(String message) {
        super(message);
    }
}
