package org.lavender.specimens.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.oned.Code128Writer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/** A Code 128 barcode of an accession as a crisp black-and-white PNG (each module a whole number of pixels). */
final class Code128 {

    static final int PIXELS_PER_MODULE = 3;
    static final int HEIGHT_PIXELS = 90;
    /** Quiet zone of 10 modules each side, as ISO/IEC 15417 requires. */
    static final int QUIET_ZONE_MODULES = 10;

    private Code128() {
    }

    static BitMatrix matrix(String data) {
        return new Code128Writer().encode(data, BarcodeFormat.CODE_128, 0, 1,
                Map.of(EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
    }

    static BufferedImage image(String data) {
        BitMatrix m = matrix(data);
        var img = new BufferedImage(m.getWidth() * PIXELS_PER_MODULE, HEIGHT_PIXELS, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < img.getWidth(); x++) {
            int rgb = m.get(x / PIXELS_PER_MODULE, 0) ? 0x000000 : 0xFFFFFF;
            for (int y = 0; y < HEIGHT_PIXELS; y++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static String pngDataUri(String data) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(image(data), "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
