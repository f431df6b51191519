package org.lavender.instruments.internal;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * Watches the MLLP byte stream beside the decoder: whether a message is under way and since when (to cut off
 * senders that never finish one), the first bytes of the current block (kept when it is refused) and bytes
 * outside any block (garbage, kept and reported).
 */
final class MllpWatch {

    private static final byte VT = 0x0B;
    private static final byte FS = 0x1C;
    private static final byte CR = 0x0D;

    private final int keep;
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    private final ByteArrayOutputStream unframed = new ByteArrayOutputStream();
    private long unframedCount;
    private boolean inBlock;
    private byte previous;
    private Instant startedAt;

    MllpWatch(int keep) {
        this.keep = keep;
    }

    /** Feeds a chunk; returns bytes that were outside a block and are now ended by a start block, or null. */
    byte[] feed(byte[] chunk, Instant now) {
        byte[] flushed = null;
        for (byte b : chunk) {
            if (!inBlock) {
                if (b == VT) {
                    if (unframedCount > 0) {
                        flushed = takeUnframed();
                    }
                    inBlock = true;
                    startedAt = now;
                    block.reset();
                } else {
                    unframedCount++;
                    if (unframed.size() < keep) {
                        unframed.write(b);
                    }
                }
            } else if (b == VT) {
                startedAt = now;
                block.reset();
            } else if (previous == FS && b == CR) {
                inBlock = false;
                startedAt = null;
            } else if (block.size() < keep) {
                block.write(b);
            }
            previous = b;
        }
        return flushed;
    }

    boolean inMessage() {
        return inBlock;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The first bytes of the current (or last) block. */
    byte[] block() {
        return block.toByteArray();
    }

    long unframedCount() {
        return unframedCount;
    }

    byte[] takeUnframed() {
        byte[] bytes = unframed.toByteArray();
        unframed.reset();
        unframedCount = 0;
        return bytes;
    }
}
