package org.lavender.audit;

/** Outcome of re-hashing the audit chain. {@code firstBrokenSeq} is null when the chain is intact. */
public record ChainVerification(long entriesChecked, Long firstBrokenSeq, String problem) {

    public boolean intact() {
        return firstBrokenSeq == null;
    }
}
