package org.lavender.protocols.astm;

/** Transmission control characters of LIS1-A (ASTM E1381) section 6. */
public final class Ascii {
    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;
    public static final byte EOT = 0x04;
    public static final byte ENQ = 0x05;
    public static final byte ACK = 0x06;
    public static final byte LF = 0x0A;
    public static final byte CR = 0x0D;
    public static final byte NAK = 0x15;
    public static final byte ETB = 0x17;

    private Ascii() {
    }

    static boolean isUpperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }

    static boolean isHex(byte b) {
        return isUpperHex(b) || (b >= 'a' && b <= 'f');
    }
}
