package org.lavender.protocols.astm;

import java.util.Optional;

/** LIS2-A2 R-9 result status codes. */
public enum ResultStatus {
    CORRECTION("C"), FINAL("F"), PRELIMINARY("P"), CANNOT_BE_DONE("X"), IN_PROGRESS("I"), PARTIAL("S"),
    MIC_LEVEL("M"), PREVIOUSLY_TRANSMITTED("R"), NEW("N"), QUERY_RESPONSE("Q"), VERIFIED("V"), WARNING("W");

    private final String code;

    ResultStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ResultStatus> of(String code) {
        for (ResultStatus s : values()) {
            if (s.code.equalsIgnoreCase(code.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
