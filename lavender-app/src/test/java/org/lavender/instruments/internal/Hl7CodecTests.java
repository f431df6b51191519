package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lavender.instruments.SpecimenIdField;

/** HL7 v2 analyzer messages from shared/fixtures/hl7 (read in place), with the counts of EXPECTED.md. */
class Hl7CodecTests {

    private final Hl7Codec codec = new Hl7Codec(ZoneId.of("Europe/Berlin"));

    @ParameterizedTest
    @CsvSource({
            "bionote-vcheck-oru-r01-v26-progesterone.hl7, 1, BN0280, 1.33, ng/mL",
            "dymind-dph1x-oru-r01-cbc.hl7, 29, 787-2, 89.4, fL",
            "pointcare-m-oru-r01-chemistry-mojibake.hl7, 19, GGT, 66, U/L",
            "wondfo-finecareplus-oru-r01-mau-utf8.hl7, 1, MAU, 23.7, mg/L",
            "wondfo-finecareplus-esu-u01-status-utf8.hl7, 0, , , "})
    void everyFixtureParsesWithTheExpectedObservations(String file, int count, String code, String value,
                                                       String unit) throws Exception {
        var parsed = codec.parse(new String(SharedFixtures.bytes("hl7", file), StandardCharsets.UTF_8));

        assertThat(parsed).isInstanceOf(Hl7Codec.ParsedOk.class);
        List<Observation> observations = codec.observations(((Hl7Codec.ParsedOk) parsed).message(),
                SpecimenIdField.AUTO);
        assertThat(observations).hasSize(count);
        if (code != null) {
            assertThat(observations).anySatisfy(o -> {
                assertThat(o.instrumentCode()).isEqualTo(code);
                assertThat(o.valueText()).isEqualTo(value);
                assertThat(o.unit()).isEqualTo(unit);
            });
        }
        assertThat(observations).extracting(Observation::seq)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
    }

    @Test
    void dymindFlagsAndObservationTimeAreKept() throws Exception {
        var parsed = (Hl7Codec.ParsedOk) codec.parse(new String(SharedFixtures.bytes("hl7",
                "dymind-dph1x-oru-r01-cbc.hl7"), StandardCharsets.UTF_8));
        Observation wbc = codec.observations(parsed.message(), SpecimenIdField.AUTO).get(6);

        assertThat(wbc.instrumentCode()).isEqualTo("6690-2");
        assertThat(wbc.valueText()).isEqualTo("17.48");
        assertThat(wbc.flags()).containsExactly("H", "A");
        assertThat(wbc.specimenId()).isEqualTo("TLRHEM 12 10");
        // OBR-7 20240718114704 in the lab's zone (CEST, UTC+2) stands in for the missing OBX-14.
        assertThat(wbc.observedAt()).isEqualTo(Instant.parse("2024-07-18T09:47:04Z"));
    }

    @Test
    void qcSpecimenRoleAndSpecimenIdComeFromSpm() throws Exception {
        String oru = String.join("\r",
                "MSH|^~\\&|GEN|LAB|LAVENDER|LAB|20261125101500||ORU^R01^ORU_R01|QC-1|P|2.5.1",
                "PID|1",
                "OBR|1||OBR3-IGNORED|2823-3^Potassium^LN",
                "OBX|1|NM|2823-3^Potassium^LN||4.05|mmol/L|||||F|||20261125101400",
                "SPM|1|DEMO-CHEM-1||SER|||||||Q");
        var parsed = (Hl7Codec.ParsedOk) codec.parse(oru);
        List<Observation> observations = codec.observations(parsed.message(), SpecimenIdField.AUTO);

        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o.qc()).isTrue();
            assertThat(o.specimenId()).isEqualTo("DEMO-CHEM-1");
            assertThat(o.valueText()).isEqualTo("4.05");
        });
    }

    @Test
    void oulR22ResultsHangUnderTheirSpecimen() throws Exception {
        String oul = String.join("\r",
                "MSH|^~\\&|GEN|LAB|||20261125101500||OUL^R22^OUL_R22|OUL-1|P|2.5.1",
                "PID|1",
                "SPM|1|260115-000427||SER",
                "OBR|1||260115-000427|2823-3^Potassium^LN",
                "OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L|||||F",
                "OBX|2|NM|2951-2^Sodium^LN||139|mmol/L|||||F");
        var parsed = (Hl7Codec.ParsedOk) codec.parse(oul);

        assertThat(codec.observations(parsed.message(), SpecimenIdField.AUTO))
                .extracting(Observation::specimenId, Observation::instrumentCode,
                Observation::valueText).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("260115-000427", "2823-3", "4.4"),
                        org.assertj.core.groups.Tuple.tuple("260115-000427", "2951-2", "139"));
    }

    @Test
    void structuredNumericKeepsItsComparator() throws Exception {
        String oru = String.join("\r",
                "MSH|^~\\&|GEN|LAB|||20261125101500||ORU^R01|SN-1|P|2.5.1",
                "OBR|1||260115-000427|",
                "OBX|1|SN|1988-5^CRP^LN||<^0.5|mg/L|||||F");
        var parsed = (Hl7Codec.ParsedOk) codec.parse(oru);

        assertThat(codec.observations(parsed.message(), SpecimenIdField.AUTO)).singleElement()
                .satisfies(o -> assertThat(o.valueText()).isEqualTo("<0.5"));
    }

    @Test
    void acceptedMessageGetsAaWithItsControlId() {
        var parsed = (Hl7Codec.ParsedOk) codec.parse(new String(SharedFixtures.bytes("hl7",
                "dymind-dph1x-oru-r01-cbc.hl7"), StandardCharsets.UTF_8));

        String ack = codec.accept(parsed.message());

        assertThat(ack).startsWith("MSH|").contains("\rMSA|AA|20240718_114704_524");
    }

    @Test
    void garbageIsRejectedWithAnErrSegment() {
        var parsed = codec.parse("hello\u0000world");

        assertThat(parsed).isInstanceOf(Hl7Codec.ParseFailed.class);
        var failed = (Hl7Codec.ParseFailed) parsed;
        assertThat(failed.code()).isEqualTo(AcknowledgmentCode.AR);
        String ack = codec.refuse(failed.msh(), failed.code(), failed.error(), failed.reason());
        assertThat(ack).contains("\rMSA|AR\r").contains("\rERR|||100^").contains("not an HL7 v2 message");
    }

    @Test
    void unsupportedTypeIsRejectedAndBrokenBodyIsAnError() {
        var adt = codec.parse("MSH|^~\\&|X|Y|||20261125||ADT^A01|C1|P|2.5.1\rPID|1");
        assertThat(adt).isInstanceOfSatisfying(Hl7Codec.ParseFailed.class, f -> {
            assertThat(f.code()).isEqualTo(AcknowledgmentCode.AR);
            assertThat(f.error()).isEqualTo(ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
            assertThat(codec.refuse(f.msh(), f.code(), f.error(), f.reason())).contains("MSA|AR|C1");
        });
        var broken = codec.parse("MSH|^~\\&|X|Y|||20261125||ORU^R01|C2|P|9.9\rOBX|1|NM");
        assertThat(broken).isInstanceOfSatisfying(Hl7Codec.ParseFailed.class, f ->
                assertThat(codec.refuse(f.msh(), f.code(), f.error(), f.reason())).contains("MSA|A"));
    }
}
