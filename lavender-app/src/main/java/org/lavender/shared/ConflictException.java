package org.lavender.shared;

/** The request is valid but clashes with the current state, e.g. a duplicate MRN (answered as HTTP 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
