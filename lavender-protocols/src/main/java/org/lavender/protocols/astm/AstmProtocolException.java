package org.lavender.protocols.astm;

/** The only exception the ASTM parsers throw for bad input. */
public class AstmProtocolException extends RuntimeException {

    public AstmProtocolException(String message) {
        super(message);
    }
}
