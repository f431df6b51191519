package org.lavender.protocols.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class MllpPropertyTests {

    @Property
    void arbitraryBytesInArbitraryChunksYieldOnlyTypedEvents(@ForAll("noise") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 64) int chunk, @ForAll @IntRange(min = 1, max = 256) int max) {
        MllpDecoder decoder = new MllpDecoder(max);
        for (int i = 0; i < bytes.length; i += chunk) {
            for (MllpEvent event : decoder.decode(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk)))) {
                if (event instanceof MllpEvent.Message m) {
                    assertThat(m.payload().length).isLessThanOrEqualTo(max);
                }
            }
        }
    }

    @Property
    void anyPayloadWithoutBlockCharactersRoundTrips(@ForAll("payload") byte[] payload,
            @ForAll @IntRange(min = 1, max = 50) int chunk) {
        byte[] framed = MllpEncoder.encode(payload);
        MllpDecoder decoder = new MllpDecoder(payload.length + 1);
        List<MllpEvent> events = new ArrayList<>();
        for (int i = 0; i < framed.length; i += chunk) {
            events.addAll(decoder.decode(Arrays.copyOfRange(framed, i, Math.min(framed.length, i + chunk))));
        }

        assertThat(events).containsExactly(new MllpEvent.Message(payload));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<Byte> framing = Arbitraries.of((byte) 0x0B, (byte) 0x1C, (byte) 0x0D, (byte) 'M');
        return Arbitraries.oneOf(framing, Arbitraries.bytes()).list().ofMaxSize(3000).map(MllpPropertyTests::toArray);
    }

    @Provide
    Arbitrary<byte[]> payload() {
        return Arbitraries.bytes().filter(b -> b != 0x0B && b != 0x1C).list().ofMaxSize(2000)
                .map(MllpPropertyTests::toArray);
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
