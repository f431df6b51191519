package org.lavender.protocols.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lavender.protocols.Fixtures;

/** Every HL7 capture survives MLLP framing byte for byte, with the segment counts of EXPECTED.md. */
class Hl7FixtureFramingTests {

    record Expected(int segments, int obx, String spot) {
    }

    // From shared/fixtures/EXPECTED.md: total segments, OBX count, one "OBX-3|OBX-5|OBX-6" spot (or null).
    private static final Map<String, Expected> EXPECTED = Map.of(
            "bionote-vcheck-oru-r01-v26-progesterone.hl7", new Expected(6, 1, "BN0280^cPRG^BN|1.33|ng/mL^nanogram per milliliter^UCUM"),
            "dymind-dph1x-oru-r01-cbc.hl7", new Expected(33, 29, "787-2^MCV^LN|89.4|fL"),
            "pointcare-m-oru-r01-chemistry-mojibake.hl7", new Expected(22, 19, "|4.72|g/dL"),
            "wondfo-finecareplus-esu-u01-status-utf8.hl7", new Expected(2, 0, null),
            "wondfo-finecareplus-oru-r01-mau-utf8.hl7", new Expected(5, 1, "|23.7|mg/L"));

    static Stream<String> hl7Fixtures() {
        return Fixtures.names("hl7").stream();
    }

    @Test
    void everyFixtureHasAnExpectation() {
        assertThat(Fixtures.names("hl7")).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hl7Fixtures")
    void roundTripsThroughMllpInSmallChunks(String name) {
        byte[] message = Fixtures.bytes("hl7", name);
        byte[] framed = MllpEncoder.encode(message);
        MllpDecoder decoder = new MllpDecoder(64 * 1024);
        List<MllpEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < framed.length; i += 7) {
            events.addAll(decoder.decode(Arrays.copyOfRange(framed, i, Math.min(framed.length, i + 7))));
        }

        assertThat(events).containsExactly(new MllpEvent.Message(message));
        List<String> segments = Arrays.stream(new String(message, StandardCharsets.UTF_8).split("\r"))
                .filter(s -> !s.isBlank()).toList();
        Expected expected = EXPECTED.get(name);
        assertThat(segments).hasSize(expected.segments()).first().asString().startsWith("MSH");
        List<String> obx = segments.stream().filter(s -> s.startsWith("OBX|")).toList();
        assertThat(obx).hasSize(expected.obx());
        if (expected.spot() != null) {
            assertThat(obx).extracting(s -> {
                String[] f = s.split("\\|", -1);
                return f[3] + "|" + f[5] + "|" + f[6];
            }).contains(expected.spot());
        }
    }
}
