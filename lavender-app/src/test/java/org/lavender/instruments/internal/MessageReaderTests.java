package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lavender.instruments.AnalyzerProtocol;

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
                StandardCharsets.ISO_8859_1);

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
                "siemens-immulite-hostquery-q-record.astm"), StandardCharsets.ISO_8859_1);

        assertThat(content.queries()).singleElement().satisfies(q -> assertThat(q.specimenId()).isEqualTo("123ABC"));
    }

    @Test
    void garbageIsUnreadableWithAReason() {
        assertThatThrownBy(() -> reader.read(AnalyzerProtocol.ASTM, "\u0002garbage".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII)).isInstanceOf(MessageReader.UnreadableMessage.class);
        assertThatThrownBy(() -> reader.read(AnalyzerProtocol.HL7, "PID|1".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.US_ASCII)).hasMessageContaining("does not start with an MSH segment");
    }
}
