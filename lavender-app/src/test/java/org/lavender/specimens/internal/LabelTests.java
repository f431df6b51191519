package org.lavender.specimens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.shared.Priority;
import org.lavender.specimens.Accession;

class LabelTests {

    static final String ACCESSION = Accession.issue(LocalDate.of(2026, 1, 15), 427).value();

    static LabelContent label(String accession, String name, Priority priority) {
        return new LabelContent(accession, name, "MRN00042", LocalDate.of(1980, 1, 31), "SST 5 mL", "gold",
                "#d4a017", "serum", List.of("NA", "K", "CL", "CO2", "BUN", "CREA", "GLU", "CA"), priority);
    }

    @Test
    void zplLabelCarriesACode128OfTheAccessionAndThePatientsIdentifiers() {
        String zpl = ZplLabel.render(label(ACCESSION, "DOE, Jane", Priority.STAT));
        assertThat(zpl).startsWith("^XA").endsWith("^XZ\n");
        assertThat(zpl).contains("^BCN,56,Y,N,N,A^FH_^FD" + ACCESSION + "^FS");
        assertThat(zpl).contains("^FDDOE, Jane^FS", "MRN MRN00042  DOB 1980-01-31", "^FDSTAT^FS",
                "SST 5 mL (gold) serum");
        assertThat(zpl).containsPattern("\\^FDNA K CL CO2 [A-Z0-9 +]*\\^FS");
    }

    @Test
    void routineLabelsHaveNoStatMarker() {
        assertThat(ZplLabel.render(label(ACCESSION, "DOE, Jane", Priority.ROUTINE))).doesNotContain("STAT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"O'BRIEN^XZ~JA, Pat", "SMITH~DGR:EVIL.GRF, Ann", "LEE_^FS^XA, Mo", "DOE\r\n^XZ, Jo"})
    void hostileNamesCannotIssuePrinterCommands(String name) {
        String zpl = ZplLabel.render(label(ACCESSION, name, Priority.ROUTINE));
        assertThat(zpl.indexOf('~')).as("no tilde command anywhere").isEqualTo(-1);
        assertThat(count(zpl, "^XA")).isEqualTo(1);
        assertThat(count(zpl, "^XZ")).isEqualTo(1);
        String nameField = zpl.lines().filter(l -> l.startsWith("^FO12,8")).findFirst().orElseThrow();
        assertThat(nameField).matches("\\^FO12,8\\^A0N,26,26\\^FH_\\^FD[^^~]*\\^FS");
        // Every command in the label is one the renderer wrote itself.
        assertThat(Pattern.compile("\\^([A-Z0-9]{2})").matcher(zpl).results().map(m -> m.group(1)))
                .allMatch(c -> List.of("XA", "CI", "PW", "LL", "LH", "FO", "A0", "FH", "FD", "FS", "BY", "BC",
                        "PQ", "XZ", "GB", "FR").contains(c));
    }

    @Test
    void escapesAreTheUtf8BytesInHex() {
        assertThat(ZplLabel.escape("A^B~C_D")).isEqualTo("A_5EB_7EC_5FD");
        assertThat(ZplLabel.escape("MÜLLER")).isEqualTo("M_C3_9CLLER");
        assertThat(ZplLabel.escape("a\tb")).isEqualTo("a b");
    }

    @Test
    void theBarcodeImageDecodesBackToTheAccession() throws Exception {
        for (String accession : List.of(ACCESSION, ACCESSION + "-A1")) {
            assertThat(decode(Code128.image(accession)).getText()).isEqualTo(accession);
            assertThat(decode(Code128.image(accession)).getBarcodeFormat()).isEqualTo(BarcodeFormat.CODE_128);
        }
    }

    @Test
    void pdfSheetHasOnePagePerTubeWithTheAccessionInTextAndInADecodableBarcode() throws Exception {
        String second = Accession.issue(LocalDate.of(2026, 1, 15), 428).value();
        byte[] pdf = PdfLabelSheet.render(List.of(label(ACCESSION, "DOE, Jane", Priority.STAT),
                label(second, "O'BRIEN <b>&amp;</b>, Pat", Priority.ROUTINE)));

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(ACCESSION, second, "DOE, Jane", "MRN00042", "STAT", "O'BRIEN <b>&amp;</b>, Pat");
            var renderer = new PDFRenderer(doc);
            assertThat(decode(renderer.renderImageWithDPI(0, 300)).getText()).isEqualTo(ACCESSION);
            assertThat(decode(renderer.renderImageWithDPI(1, 300)).getText()).isEqualTo(second);
        }
    }

    @Test
    void namesInPolishGreekAndCyrillicPrintAsWrittenWithAnEmbeddedFont() throws Exception {
        byte[] pdf = PdfLabelSheet.render(List.of(label(ACCESSION, "ŻÓŁĆ, Łukasz", Priority.ROUTINE),
                label(ACCESSION, "ΠΑΠΑΔΟΠΟΥΛΟΣ, Ηλίας", Priority.ROUTINE),
                label(ACCESSION, "ДМИТРИЕВ, Дмитрий", Priority.ROUTINE)));

        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("ŻÓŁĆ, Łukasz", "ΠΑΠΑΔΟΠΟΥΛΟΣ, Ηλίας", "ДМИТРИЕВ, Дмитрий");
            var fonts = new java.util.ArrayList<String>();
            for (var name : doc.getPage(0).getResources().getFontNames()) {
                fonts.add(doc.getPage(0).getResources().getFont(name).getName());
            }
            assertThat(fonts).anyMatch(f -> f.contains("DejaVuSans"));
        }
    }

    private static Result decode(BufferedImage image) throws NotFoundException, IOException {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.POSSIBLE_FORMATS,
                List.of(BarcodeFormat.CODE_128), DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }

    private static int count(String s, String part) {
        return (s.length() - s.replace(part, "").length()) / part.length();
    }
}
