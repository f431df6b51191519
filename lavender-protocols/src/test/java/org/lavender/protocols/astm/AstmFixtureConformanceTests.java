package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lavender.protocols.Fixtures;

/** Every capture in shared/fixtures/astm parses to the counts and values of EXPECTED.md. */
class AstmFixtureConformanceTests {

    /** R-3 | R-4 | R-5 raw text of one result record. */
    record Spot(String testId, String value, String units) {
    }

    record Expected(String delimiterBytes, String counts, int framedErrors, List<Spot> spots, Charset charset) {
        Expected(String delimiterBytes, String counts, List<Spot> spots) {
            this(delimiterBytes, counts, 0, spots, StandardCharsets.ISO_8859_1);
        }
    }

    private static final String STD = "|\\^&|";

    // Transcribed from shared/fixtures/EXPECTED.md; counts as "type=count" in the order of the file.
    private static final Map<String, Expected> EXPECTED = Map.ofEntries(
            Map.entry("abbott-afinion2-hba1c-singleframe.astm", new Expected(STD, "H=1 P=1 O=1 R=1 L=1",
                    List.of(new Spot("^^^HbA1c", "5.9", "%")))),
            Map.entry("beckman-access2-hcg-framed.astm", new Expected(STD, "H=1 P=1 O=1 R=1 L=1",
                    List.of(new Spot("^^^HCG5^1", "108.66", "mIU/mL")))),
            Map.entry("biorad-ih1000-bloodgroup-comments.astm", new Expected(STD, "H=1 P=1 O=1 R=4 C=4 L=1", List.of(
                    new Spot("^^^AntiA^MO10^Bloodgroup: A,B,D Confirmation for Patients (DiaClon) (5005)^", "40^^", "C"),
                    new Spot("^^^AntiD^MO10^Bloodgroup: A,B,D Confirmation for Patients (DiaClon) (5005)^", "0^^", "C"),
                    new Spot("^^^Result^MO10^Bloodgroup: A,B,D Confirmation for Patients (DiaClon) (5005)^",
                            "A^NEG^NEG^ccee^K-^NEG^^^", "C")))),
            Map.entry("cepheid-genexpert-mtbrif-nonstd-delimiters.astm", new Expected("|@^\\|", "H=1 P=1 O=1 R=84 C=3 L=1",
                    List.of(new Spot("^MTB-RIF^^Xpert^Xpert MTB-RIF Ultra^4^MTB^", "NOT DETECTED^", ""),
                            new Spot("^MTB-RIF^^RIF^^^rpoB2^Ct", "^0.0", ""),
                            new Spot("^MTB-RIF^^RIF^^^IS1081-IS6110^EndPt", "^3.0", "")))),
            Map.entry("euroimmun-analyzer1-sarscov2-multipatient-commadecimal.astm", new Expected(STD,
                    "H=1 P=20 O=20 R=20 L=1", List.of(new Spot("^^^SARSCOV2IGA", ">8", "Ratio"),
                            new Spot("^^^SARSCOV2IGA", "5,64", "Ratio")))),
            Map.entry("horiba-pentraxlr-cbc-framed.astm", new Expected(STD, "H=1 P=1 O=1 R=21 C=3 L=1",
                    List.of(new Spot("^^^WBC^804-5^1", "8.5", "1"), new Spot("^^^RBC^789-9^1", "4.65", "1"),
                            new Spot("^^^RDWSD^2100-5^1", "43", "1")))),
            Map.entry("horiba-yumizenh500-patient-framed.astm", new Expected(STD, "H=1 P=1 O=1 M=4 R=20 L=1",
                    List.of(new Spot("^^^NEU#^751-8", "0.78", "10E3/uL"), new Spot("^^^LYM#^731-0", "1.69", "10E3/uL"),
                            new Spot("^^^EOS%^713-8", "2.8", "%")))),
            Map.entry("horiba-yumizenh500-qc-framed.astm", new Expected(STD, "H=1 P=1 O=1 C=2 M=4 R=21 L=1",
                    List.of(new Spot("^^^MCV^787-2", "90.6", "um3"), new Spot("^^^LYM#^731-0", "3.29", "10E3/uL"),
                            new Spot("^^^EOS%^713-8", "5.0", "%")))),
            Map.entry("horiba-yumizenh550-qc-histograms.astm", new Expected("|\\\\^&", "H=1 P=1 O=1 M=3 R=20 L=1",
                    List.of(new Spot("^^^MCV^787-2", "78.4", "um3"), new Spot("^^^LYM#^731-0", "1.33", "10E3/uL"),
                            new Spot("^^^EOS%^713-8", "8.4", "%")))),
            Map.entry("immucor-galileo-order-crossmatch.astm", new Expected(STD, "H=1 P=1 O=1 C=1 L=1", List.of())),
            Map.entry("immucor-galileo-result-abod-screen.astm", new Expected(STD, "H=1 P=1 O=2 R=14 L=1",
                    List.of(new Spot("^^^Rh Ctrl", "0^0^0", ""), new Spot("^^^A1 Cells", "2+^2+^17", ""),
                            new Spot("^^^Screen Interp", "Pos", "")))),
            Map.entry("ortho-vision-abo-cp1252.astm", new Expected(STD, "H=1 P=1 O=1 R=2 L=1", 0,
                    List.of(new Spot("ABO", "A", ""), new Spot("Rh", "NEG", "")), Charset.forName("windows-1252"))),
            Map.entry("ortho-vision-abo-utf8.astm", new Expected(STD, "H=1 P=1 O=1 R=2 L=1", 0,
                    List.of(new Spot("ABO", "A", ""), new Spot("Rh", "NEG", "")), StandardCharsets.UTF_8)),
            Map.entry("ortho-vision-aborh-mrecords.astm", new Expected(STD, "H=1 P=1 O=1 R=2 M=5 L=1",
                    List.of(new Spot("ABO", "A", ""), new Spot("Rh", "NEG", "")))),
            Map.entry("phadia-prime-immunocap-sige.astm", new Expected(STD, "H=1 P=1 O=3 R=3 C=3 L=1",
                    List.of(new Spot("^^^t2^sIgE^1", "9.34^^^^", "kUA/l"), new Spot("^^^a-IgE^tIgE^1", "199^^^^", "kU/l")))),
            Map.entry("roche-cobas-c111-result-etb-frames.astm", new Expected(STD, "H=1 P=1 O=1 R=1 C=1 M=1 L=1",
                    List.of(new Spot("^^^413", "40.13", "g/L")))),
            Map.entry("siemens-dcavantage-acr-singleframe.astm", new Expected(STD, "H=1 P=1 O=1 R=3 C=2 L=1",
                    List.of(new Spot("^^^Alb", "63.7", "mg/L"), new Spot("^^^Crt", "230.8", "mg/dL"),
                            new Spot("^^^Ratio", "27.6", "mg/g")))),
            Map.entry("siemens-immulite-hostquery-q-record.astm", new Expected(STD, "H=1 Q=1 L=1", List.of())),
            Map.entry("snibe-maglumi-thyroid-nofn-nochecksum.astm", new Expected(STD, "H=3 P=3 O=3 R=9 L=3",
                    List.of(new Spot("^^^TT3 II", "1.171", "ng/mL"), new Spot("^^^TT4 II", "11.64", "ug/dL"),
                            new Spot("^^^TSH II", "0.958", "uIU/mL")))),
            Map.entry("sysmex-xn550-cbc-singleframe.astm", new Expected(STD, "H=1 P=1 C=3 O=1 R=41 L=1",
                    List.of(new Spot("^^^^WBC^1", "8.13", "10*3/uL"), new Spot("^^^^IG%^1", "0.2", "%"),
                            new Spot("^^^^DIST_PLT", "PNG&R&20240628&R&2024_06_27_13_54_27_PLT.PNG", "")))),
            Map.entry("sysmex-xp100-cbc-singleframe.astm", new Expected(STD, "H=1 P=1 O=1 R=20 L=1",
                    List.of(new Spot("^^^^WBC^1", "  5.5", "10*3/uL"), new Spot("^^^^NEUT%^1", " 63.4", "%"),
                            new Spot("^^^^PCT^1", " 0.17", "%")))));

    static Stream<String> astmFixtures() {
        return Fixtures.names("astm").stream();
    }

    @Test
    void everyFixtureHasAnExpectationAndEveryExpectationAFixture() {
        assertThat(Fixtures.names("astm")).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("astmFixtures")
    void parsesWithTheExpectedCountsAndValues(String name) {
        Expected expected = EXPECTED.get(name);
        assertThat(expected).as("expectation for " + name).isNotNull();
        AstmCapture capture = AstmCapture.read(Fixtures.bytes("astm", name));
        assertThat(capture.errors()).isEmpty();

        List<AstmMessage> messages = new AstmMessageParser(expected.charset()).parse(capture.records());

        assertThat(new String(capture.records().get(0), expected.charset()).substring(1, 6))
                .isEqualTo(expected.delimiterBytes());
        assertThat(counts(messages)).isEqualTo(parseCounts(expected.counts()));
        List<ResultRecord> results = messages.stream().flatMap(m -> m.results().stream()).toList();
        assertThat(results).hasSize(parseCounts(expected.counts()).getOrDefault('R', 0L).intValue());
        List<Spot> found = results.stream()
                .map(r -> new Spot(r.raw().field(3), r.raw().field(4), r.raw().field(5))).toList();
        assertThat(found).containsAll(expected.spots());
    }

    private static Map<Character, Long> counts(List<AstmMessage> messages) {
        Map<Character, Long> counts = new TreeMap<>();
        messages.stream().flatMap(m -> m.records().stream()).forEach(r -> counts.merge(r.type(), 1L, Long::sum));
        return counts;
    }

    private static Map<Character, Long> parseCounts(String text) {
        Map<Character, Long> counts = new TreeMap<>();
        for (String part : text.split(" ")) {
            counts.put(part.charAt(0), Long.parseLong(part.substring(2)));
        }
        return counts;
    }
}
