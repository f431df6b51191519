package org.lavender.specimens;

/** Coded rejection reasons, counted for quality indicators (clinical reference §7). */
public enum RejectionReason {
    HEMOLYZED("Hemolyzed"),
    CLOTTED("Clotted"),
    QNS("Quantity not sufficient / underfilled"),
    MISLABELED("Mislabeled or unlabeled"),
    WRONG_CONTAINER("Wrong container"),
    TOO_OLD("Too old or stored at the wrong temperature"),
    CONTAMINATED("Contaminated (e.g. IV fluid)"),
    LEAKING("Leaking or broken container");

    private final String display;

    RejectionReason(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
