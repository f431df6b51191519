package org.lavender.instruments;

/** Where an order message pushed to an analyzer stands. */
public enum OutboundState {
    /** Waiting for its next delivery attempt. */
    QUEUED,
    /** The analyzer accepted it (HL7 MSA-1 AA); its acknowledgment is kept. */
    SENT,
    /** Refused by the analyzer (AE/AR, with its reason) or undeliverable after the last attempt; can be resent. */
    FAILED
}
