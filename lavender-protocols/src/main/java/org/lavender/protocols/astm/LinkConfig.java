package org.lavender.protocols.astm;

import java.time.Duration;

/**
 * Link settings. The defaults are the LIS1-A values.
 *
 * @param tolerant             accept frames without frame number or checksum, CR-only or LF-only trailers, any
 *                             frame number order, STX without a preceding ENQ, and frames over 247 characters
 * @param maxFrameBytes        longest frame accepted in tolerant mode (strict mode always uses 247)
 * @param maxRecordBytes       longest record the receiver joins from ETB frames before it drops the record
 * @param replyTimeout         LIS1-A 8.5.1: 15 s for the reply to ENQ or to a frame
 * @param receiveTimeout       LIS1-A 8.5.2: 30 s for the next frame or EOT
 * @param enqRetryDelay        LIS1-A 8.2.6: wait at least 10 s after a NAK to ENQ
 * @param instrumentContentionDelay LIS1-A 8.2.7.1: the instrument waits at least 1 s before its next ENQ
 * @param computerContentionDelay   how long the computer waits after yielding before it bids again
 * @param maxAttempts          LIS1-A 8.3.5: a frame is sent at most 6 times
 * @param trailerGrace         tolerant mode: a frame that got no checksum within this time after ETX/ETB is
 *                             taken without one
 */
public record LinkConfig(boolean tolerant, int maxFrameBytes, int maxRecordBytes, Duration replyTimeout, Duration receiveTimeout,
        Duration enqRetryDelay, Duration instrumentContentionDelay, Duration computerContentionDelay,
        int maxAttempts, Duration trailerGrace) {

    public LinkConfig {
        if (maxFrameBytes < Frame.MAX_FRAME_LENGTH || maxRecordBytes < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxFrameBytes >= 247, maxRecordBytes >= 1, maxAttempts >= 1 required");
        }
    }

    /** LIS1-A as written. */
    public static LinkConfig strict() {
        return new LinkConfig(false, Frame.MAX_FRAME_LENGTH, 1 << 20, Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(20), 6, Duration.ofSeconds(1));
    }

    /** LIS1-A timing, with the analyzer quirks of {@link #tolerant()} accepted; frames up to 1 MiB. */
    public static LinkConfig lenient() {
        return strict().withTolerant(true);
    }

    public LinkConfig withTolerant(boolean value) {
        return new LinkConfig(value, value ? 1 << 20 : Frame.MAX_FRAME_LENGTH, maxRecordBytes, replyTimeout, receiveTimeout,
                enqRetryDelay, instrumentContentionDelay, computerContentionDelay, maxAttempts, trailerGrace);
    }

    public LinkConfig withMaxRecordBytes(int value) {
        return new LinkConfig(tolerant, maxFrameBytes, value, replyTimeout, receiveTimeout, enqRetryDelay,
                instrumentContentionDelay, computerContentionDelay, maxAttempts, trailerGrace);
    }

    int frameLimit() {
        return tolerant ? maxFrameBytes : Frame.MAX_FRAME_LENGTH;
    }
}
