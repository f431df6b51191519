/**
 * ASTM instrument protocols, plain Java.
 *
 * <p>Low level (ASTM E1381 / CLSI LIS1-A): {@link org.lavender.protocols.astm.AstmReceiver},
 * {@link org.lavender.protocols.astm.AstmSender} and {@link org.lavender.protocols.astm.AstmLink} are
 * explicit state machines over any byte stream. Bytes go in, bytes to send and {@link
 * org.lavender.protocols.astm.LinkEvent}s come out; time is passed in, so every timeout is deterministic.
 * {@link org.lavender.protocols.astm.AstmCapture} reads a stored capture (framed or not) back into records.
 *
 * <p>High level (ASTM E1394 / CLSI LIS2-A2): {@link org.lavender.protocols.astm.AstmMessageParser} turns
 * record texts into {@link org.lavender.protocols.astm.AstmMessage}s with delimiters taken from each H record;
 * {@link org.lavender.protocols.astm.OrderDownload} and {@link org.lavender.protocols.astm.QueryReply} build
 * records for the instrument.
 */
package org.lavender.protocols.astm;
