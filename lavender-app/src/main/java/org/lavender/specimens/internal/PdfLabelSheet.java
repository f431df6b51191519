package org.lavender.specimens.internal;

import java.util.List;
import org.lavender.shared.PdfDocuments;

/**
 * Labels as a PDF for an ordinary or label printer: one 2 × 1 inch page per tube with the same fields as the ZPL
 * label and the Code 128 barcode as an image.
 */
final class PdfLabelSheet {

    private PdfLabelSheet() {
    }

    static byte[] render(List<LabelContent> labels) {
        var html = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8"/><style>
                @page { size: 2in 1in; margin: 0.04in 0.06in; }
                body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 6.5pt; line-height: 1.15; }
                .label { page-break-after: always; position: relative; height: 0.9in; overflow: hidden; }
                .label:last-child { page-break-after: auto; }
                .name { font-size: 8.5pt; font-weight: bold; white-space: nowrap; overflow: hidden; }
                .stat { position: absolute; right: 0; top: 0; background: #000; color: #fff; font-weight: bold;
                        font-size: 8pt; padding: 0 3px; }
                .barcode { display: block; width: 1.6in; height: 0.3in; margin: 1px 0 0 0; }
                .acc { font-size: 8pt; font-weight: bold; letter-spacing: 0.5px; }
                .cap { display: inline-block; width: 6px; height: 6px; border: 0.5px solid #333; }
                </style></head><body>
                """);
        for (LabelContent c : labels) {
            html.append("<div class=\"label\">");
            if (c.stat()) {
                html.append("<div class=\"stat\">STAT</div>");
            }
            html.append("<div class=\"name\">").append(xml(c.patientName())).append("</div>");
            html.append("<div>MRN ").append(xml(c.mrn())).append(" · DOB ").append(c.birthDate()).append("</div>");
            html.append("<img class=\"barcode\" alt=\"\" src=\"").append(Code128.pngDataUri(c.accession()))
                    .append("\"/>");
            html.append("<div class=\"acc\">").append(xml(c.accession())).append("</div>");
            html.append("<div>");
            if (c.colourHex() != null && c.colourHex().matches("#[0-9A-Fa-f]{3,6}")) {
                html.append("<span class=\"cap\" style=\"background:").append(c.colourHex()).append("\"></span> ");
            }
            html.append(xml(c.containerLine())).append("</div>");
            html.append("<div>").append(xml(c.testsLine(40))).append("</div>");
            html.append("</div>");
        }
        html.append("</body></html>");
        return PdfDocuments.render(html.toString());
    }

    private static String xml(String s) {
        if (s == null) {
            return "";
        }
        var out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (cp >= 0x20 || cp == '\t') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
