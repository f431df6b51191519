package org.lavender.specimens.internal;

import org.lavender.shared.NotFoundException;
import org.lavender.specimens.Accession;

/** A scanned or typed accession that matches no tube, saying so with the exact text that was scanned. */
class UnknownAccessionException extends NotFoundException {

    private final String message;

    UnknownAccessionException(String scanned) {
        super("Specimen", scanned);
        this.message = Accession.looksMistyped(scanned)
                ? "No specimen with accession '" + scanned + "': its check digit does not match, so it was probably"
                        + " mistyped or misread. Scan the label again."
                : "No specimen with accession '" + scanned + "'";
    }

    @Override
    public String getMessage() {
        return message;
    }
}
