package org.lavender.protocols.astm;

/** Which end of the link this side is; it decides who wins contention (LIS1-A 8.2.7.1). */
public enum Role {
    /** The analyzer: wins contention. */
    INSTRUMENT,
    /** The computer system (LIS): backs off on contention. */
    COMPUTER
}
