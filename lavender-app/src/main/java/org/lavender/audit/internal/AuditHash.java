package org.lavender.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The canonical hash of one audit row: SHA-256 over the previous hash and every field, length-prefixed. */
final class AuditHash {

    private AuditHash() {
    }

    static String of(String prevHash, long seq, Instant at, String actor, String action, String entityType,
                     String entityId, String oldValue, String newValue, String reason) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {prevHash, Long.toString(seq), at.toString(), actor, action,
                    entityType, entityId, oldValue, newValue, reason}) {
                // Length prefix keeps ("ab","c") and ("a","bc") apart; -1 marks null.
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha.update((part == null ? "-1" : Integer.toString(bytes.length)).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
