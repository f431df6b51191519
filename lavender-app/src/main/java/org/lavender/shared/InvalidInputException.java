package org.lavender.shared;

/**
 * Input a person or system sent that Lavender refuses, with a message that says exactly what is wrong
 * (answered as HTTP 422, or 400 for malformed syntax). Nothing partial is stored.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
