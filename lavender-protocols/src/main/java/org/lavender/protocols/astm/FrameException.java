package org.lavender.protocols.astm;

/** A frame that breaks a LIS1-A rule, with the rule as {@link LinkError}. */
public final class FrameException extends AstmProtocolException {

    private final LinkError error;

    public FrameException(LinkError error, String message) {
        super(error + ": " + message);
        this.error = error;
    }

    public LinkError error() {
        return error;
    }
}
