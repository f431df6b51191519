package org.lavender.shared;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Renders an XHTML page to PDF with DejaVu Sans embedded (subset), so patient names in Latin, Greek or Cyrillic
 * scripts ("Łukasz Żółć", "Ηλίας", "Дмитрий") print as written instead of the standard-14 Helvetica's '#' boxes.
 * Pages use {@code font-family: 'DejaVu Sans'}.
 */
public final class PdfDocuments {

    public static final String FONT_FAMILY = "DejaVu Sans";
    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

    private PdfDocuments() {
    }

    public static byte[] render(String xhtml) {
        try (var out = new ByteArrayOutputStream()) {
            var builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true);
            builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream font(String file) {
        InputStream in = PdfDocuments.class.getResourceAsStream(FONTS + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " missing from the classpath (jasperreports-fonts)");
        }
        return in;
    }
}
