package org.lavender.instruments;

/**
 * How the results module reports what it did with an {@link InstrumentResultReceived}; call it inside the
 * transaction that files (or refuses) the result, so the message state and the result commit together.
 */
public interface InstrumentFilings {

    void filed(long observationId, long resultId);

    /** The result could not be filed; the message becomes a dead letter with this reason. */
    void refused(long observationId, String reason);
}
