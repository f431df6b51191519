package org.lavender.instruments;

import java.util.List;

/**
 * How the results module reports what it did with each tube of an {@link AnalyzerResultsReceived}; call it inside
 * the transaction that files (or refuses) the results, so the message state and the results commit together.
 */
public interface InstrumentFilings {

    /**
     * The outcome of every result of one tube of a message, in one call: the analyzer message becomes FILED, or
     * ERROR (a dead letter) with the refusals as its reason.
     */
    void settle(long rawMessageId, List<Outcome> outcomes);

    /** What became of the measurement at {@code seq}: filed on {@code resultId}, or refused with a reason. */
    record Outcome(int seq, Long resultId, String refusal) {

        public static Outcome filed(int seq, long resultId) {
            return new Outcome(seq, resultId, null);
        }

        public static Outcome refused(int seq, String reason) {
            return new Outcome(seq, null, reason);
        }

        public boolean isFiled() {
            return refusal == null;
        }
    }
}
