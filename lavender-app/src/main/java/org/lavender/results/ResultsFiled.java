package org.lavender.results;

import java.time.Instant;
import java.util.List;

/**
 * Values were filed on results: one event per manual entry or per analyzer message. {@code analyzer} is the
 * analyzer that measured them, or null for values entered by hand. Equipment counts reagent use from it.
 */
public record ResultsFiled(String analyzer, Instant filedAt, List<Filed> results) {

    public ResultsFiled {
        results = List.copyOf(results);
    }

    public record Filed(long resultId, long specimenId, String testCode) {
    }
}
