package org.lavender.shared;

/** The thing asked for does not exist (answered as HTTP 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object key) {
        super(what + " " + key + " not found");
    }
}
