package org.lavender.protocols.mllp;

/** What the MLLP decoder found wrong; decoding continues at the next start block. */
public enum MllpError {
    /** Bytes outside a block, before a start block (VT). */
    UNFRAMED_BYTES,
    /** The payload grew beyond the configured maximum; dropped until the next VT. */
    OVERSIZE,
    /** A new VT arrived before the end block of the current message. */
    MISSING_END_BLOCK,
    /** FS was not followed by CR. */
    BAD_END_BLOCK
}
