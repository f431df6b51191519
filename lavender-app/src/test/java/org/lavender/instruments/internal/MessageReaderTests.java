package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.SpecimenIdField;

/** Stored ASTM transfers (the shared captures, read in place) read back into observations, QC and queries. */
class MessageReaderTests {

    private final ZoneId zone = ZoneId.of("UTC");
    private final MessageReader reader = new MessageReader(new Hl7Codec(zone), zone);

    @ParameterizedTest
    @CsvSource({
            "abbott-afinion2-hba1c-singleframe.astm, 1, HbA1c, 5.9, false",
            "beckman-access2-hcg-framed.astm, 1, HCG5, 108.66, false",
            "euroimmun-analyzer1-sarscov2-multipatient-commadecimal.astm, 20, SARSCOV2IGA, '5,64', false",
            "horiba-yumizenh500-patient-framed.astm, 20, NEU#, 0.78, false",
            "horiba-yumizenh500-qc-framed.astm, 21, MCV, 90.6, true",
            "roche-cobas-c111-result-etb-frames.astm, -1, , , false",
            "siemens-immulite-hostquery-q-record.astm, 0, , , false"})
    void capturesReadIntoTheirResults(String file, int count, String code, String value, boolean qc) {
        MessageContent content = reader.read(AnalyzerProtocol.ASTM, SharedFixtures.bytes("astm", file),
                StandardCharsets.ISO_8859_1, SpecimenIdField.AUTO);

        if (count >= 0) {
            assertThat(content.observations()).hasSize(count);
        } else {
            assertThat(content.observations()).isNotEmpty();
        }
        assertThat(content.observations()).allSatisfy(o -> assertThat(o.qc()).isEqualTo(qc));
        if (code != null) {
            assertThat(content.observations()).anySatisfy(o -> {
                assertThat(o.instrumentCode()).isEqualTo(code);
                assertThat(o.valueText()).isEqualTo(value);
            });
        }
    }

    @Test
    void aHostQueryIsRecognised() {
        MessageContent content = reader.read(AnalyzerProtocol.ASTM, SharedFixtures.bytes("astm",
                "siemens-immulite-hostquery-q-record.astm"), StandardCharsets.ISO_8859_1, SpecimenIdField.AUTO);

        assertThat(content.queries()).singleElement().satisfies(q -> assertThat(q.specimenId()).isEqualTo("123ABC"));
    }

    @Test
    void garbageIsUnreadableWithAReason() {
        assertThatThrownBy(() -> reader.read(AnalyzerProtocol.ASTM, "\u0002garbage".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII, SpecimenIdField.AUTO)).isInstanceOf(MessageReader.UnreadableMessage.class);
        assertThatThrownBy(() -> reader.read(AnalyzerProtocol.HL7, "PID|1".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII, SpecimenIdField.AUTO))
                .hasMessageContaining("does not start with an MSH segment");
    }

    /** Where the accession is read from, per the analyzer's setting: the configured field alone, never another. */
    @Test
    void theAccessionIsReadFromTheFieldTheAnalyzerIsSetToSendItIn() {
        String hl7 = String.join("\r",
                "MSH|^~\\&|CHEM|LAB|LAVENDER|LAB|20261207101500||ORU^R01^ORU_R01|F-1|P|2.5.1",
                "PID|1",
                "OBR|1|PLACER-2|FILLER-3|2823-3^Potassium^LN",
                "OBX|1|NM|2823-3^Potassium^LN||4.2|mmol/L|||||F",
                "SPM|1|SPM-2||SER") + "\r";
        assertThat(specimenOf(AnalyzerProtocol.HL7, hl7, SpecimenIdField.AUTO)).isEqualTo("SPM-2");
        assertThat(specimenOf(AnalyzerProtocol.HL7, hl7, SpecimenIdField.SPM_2)).isEqualTo("SPM-2");
        assertThat(specimenOf(AnalyzerProtocol.HL7, hl7, SpecimenIdField.OBR_3)).isEqualTo("FILLER-3");
        assertThat(specimenOf(AnalyzerProtocol.HL7, hl7, SpecimenIdField.OBR_2)).isEqualTo("PLACER-2");
        String withoutSpm = hl7.replace("SPM|1|SPM-2||SER\r", "");
        assertThat(specimenOf(AnalyzerProtocol.HL7, withoutSpm, SpecimenIdField.AUTO)).isEqualTo("FILLER-3");
        // A configured field that is empty stays empty (a dead letter with the reason), never another number.
        assertThat(specimenOf(AnalyzerProtocol.HL7, withoutSpm, SpecimenIdField.SPM_2)).isEmpty();
        assertThat(specimenOf(AnalyzerProtocol.HL7, hl7.replace("|PLACER-2|", "||"), SpecimenIdField.OBR_2))
                .isEmpty();

        String astm = String.join("\r",
                "H|\\^&|||CHEM",
                "P|1",
                "O|1|SPECIMEN-3|INSTRUMENT-4^7^2|^^^K",
                "R|1|^^^K|4.2|mmol/L||N||F",
                "L|1|N") + "\r";
        assertThat(specimenOf(AnalyzerProtocol.ASTM, astm, SpecimenIdField.AUTO)).isEqualTo("SPECIMEN-3");
        assertThat(specimenOf(AnalyzerProtocol.ASTM, astm, SpecimenIdField.O_3)).isEqualTo("SPECIMEN-3");
        assertThat(specimenOf(AnalyzerProtocol.ASTM, astm, SpecimenIdField.O_4)).isEqualTo("INSTRUMENT-4");
        assertThat(specimenOf(AnalyzerProtocol.ASTM, astm.replace("|INSTRUMENT-4^7^2|", "||"), SpecimenIdField.O_4))
                .isEmpty();
    }

    private String specimenOf(AnalyzerProtocol protocol, String message, SpecimenIdField where) {
        return reader.read(protocol, message.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII, where)
                .observations().get(0).specimenId();
    }

    /** LIS2-A2 asks for; analyzers that put rack and position first still find the tube, and only a real one. */
    @Test
    void anAstmQueryFindsTheTubeInQ3AlsoAfterARackAndPosition() {
        String tube = org.lavender.specimens.Accession.issue(java.time.LocalDate.of(2026, 12, 7), 42).value();
        assertThat(askedFor("^" + tube + "^^")).isEqualTo(tube);
        assertThat(askedFor("7^3^  " + tube + "^B")).isEqualTo(tube);
        // The position (3) and a number with a wrong check digit are never taken for a tube.
        String mistyped = tube.substring(0, tube.length() - 1) + ((tube.charAt(tube.length() - 1) - '0' + 1) % 10);
        assertThat(askedFor("7^3^" + mistyped + "^B")).isEqualTo("3");
        assertThat(askedFor("^123ABC")).isEqualTo("123ABC");
        assertThat(askedFor("")).isEmpty();
    }

    private String askedFor(String startingRange) {
        String astm = "H|\\^&|||CHEM\rQ|1|" + startingRange + "||ALL\rL|1|N\r";
        return HostQueries.specimenAsked(reader.read(AnalyzerProtocol.ASTM, astm.getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII, SpecimenIdField.AUTO).queries().get(0));
    }
}
