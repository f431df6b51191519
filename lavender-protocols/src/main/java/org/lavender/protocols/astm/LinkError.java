package org.lavender.protocols.astm;

/** What went wrong on the LIS1-A link; every one is reported as a {@link LinkEvent.ProtocolError}. */
public enum LinkError {
    /** Checksum characters missing, not hex, or not matching the frame (LIS1-A 8.3.3). */
    BAD_CHECKSUM,
    /** Frame number missing or neither the expected one nor a repeat of the last one (LIS1-A 8.3.4). */
    WRONG_FRAME_NUMBER,
    /** A frame that ended early: interrupted by STX/EOT or a short trailer (LIS1-A 8.3.4). */
    TRUNCATED_FRAME,
    /** Frame longer than allowed, 247 characters in strict mode (LIS1-A 8.3.1). */
    FRAME_TOO_LONG,
    /** A restricted control character inside the frame text (LIS1-A 8.6). */
    ILLEGAL_CHARACTER,
    /** A record joined from ETB frames grew beyond {@link LinkConfig#maxRecordBytes()}; it is dropped. */
    RECORD_TOO_LONG,
    /** EOT arrived while a record was still open after ETB frames. */
    INCOMPLETE_RECORD,
    /** No reply to ENQ or to a frame within 15 s (LIS1-A 8.5.1). */
    REPLY_TIMEOUT,
    /** No frame or EOT within 30 s while receiving (LIS1-A 8.5.2). */
    RECEIVE_TIMEOUT,
    /** A frame was refused six times; the sender gave up (LIS1-A 8.3.5). */
    RETRIES_EXHAUSTED,
    /** Both sides sent ENQ (LIS1-A 8.2.7.1). */
    CONTENTION
}
