/**
 * HL7 v2 Minimal Lower Layer Protocol framing: a message travels as {@code VT payload FS CR}
 * (0x0B ... 0x1C 0x0D). {@link org.lavender.protocols.mllp.MllpDecoder} is a small state machine that never throws
 * on input; {@link org.lavender.protocols.mllp.MllpEncoder} frames outgoing messages.
 */
package org.lavender.protocols.mllp;
