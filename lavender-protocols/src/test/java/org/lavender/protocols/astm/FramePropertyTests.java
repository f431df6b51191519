package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FramePropertyTests {

    private static final Instant T0 = Instant.EPOCH;

    @Property
    void anyFrameDecodesToItself(@ForAll @IntRange(min = 0, max = 7) int number, @ForAll("text") byte[] text,
            @ForAll boolean last) {
        Frame frame = new Frame(number, Arrays.copyOf(text, Math.min(text.length, Frame.MAX_TEXT_LENGTH)), last);

        assertThat(Frame.decode(frame.encode(), false)).isEqualTo(frame);
    }

    @Property(tries = 300)
    void anyRecordsCrossTheLinkUnchanged(@ForAll @Size(min = 1, max = 12) List<@From("text") byte[]> records) {
        AstmSender sender = new AstmSender(Role.INSTRUMENT, LinkConfig.strict());
        AstmReceiver receiver = new AstmReceiver(LinkConfig.strict());
        List<byte[]> received = new ArrayList<>();

        byte[] toReceiver = sender.send(records, T0).toSend();
        while (toReceiver.length > 0) {
            LinkOutput atReceiver = receiver.receive(toReceiver, T0);
            atReceiver.events(LinkEvent.RecordReceived.class).forEach(r -> received.add(r.bytes()));
            assertThat(atReceiver.events(LinkEvent.ProtocolError.class)).isEmpty();
            toReceiver = sender.receive(atReceiver.toSend(), T0).toSend();
        }

        assertThat(received).usingElementComparator(Arrays::compare).containsExactlyElementsOf(records);
    }

    @Property
    void arbitraryBytesNeverThrow(@ForAll("noise") byte[] bytes, @ForAll boolean tolerant) {
        AstmReceiver receiver = new AstmReceiver(tolerant ? LinkConfig.lenient() : LinkConfig.strict());
        AstmSender sender = new AstmSender(Role.COMPUTER, LinkConfig.strict());
        sender.send(List.of("H|\\^&".getBytes(StandardCharsets.US_ASCII)), T0);

        receiver.receive(bytes, T0);
        receiver.tick(T0.plusSeconds(31));
        sender.receive(bytes, T0);
        sender.tick(T0.plusSeconds(31));
        AstmCapture.read(bytes);
    }

    @Property
    void recordParserThrowsOnlyItsTypedException(@ForAll("recordLines") List<String> lines) {
        try {
            new AstmMessageParser(StandardCharsets.UTF_8).parseText(lines);
        } catch (AstmProtocolException expected) {
            // typed rejection is the allowed outcome
        }
    }

    @Provide
    Arbitrary<byte[]> text() {
        // Record text: anything but CR and the control characters LIS1-A 8.6 keeps out of frames.
        return Arbitraries.integers().between(0x20, 0xFF).map(Integer::byteValue).list().ofMinSize(1).ofMaxSize(700)
                .map(FramePropertyTests::toArray);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<Byte> controls = Arbitraries.of(Ascii.STX, Ascii.ETX, Ascii.ETB, Ascii.EOT, Ascii.ENQ, Ascii.ACK,
                Ascii.NAK, Ascii.CR, Ascii.LF, (byte) '1', (byte) 'A');
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, controls), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
                .list().ofMaxSize(2000).map(FramePropertyTests::toArray);
    }

    @Provide
    Arbitrary<List<String>> recordLines() {
        Arbitrary<String> line = Arbitraries.strings().withChars("HPORCQLMS|\\^&@!#X0123456789 \u00e9")
                .ofMaxLength(40);
        return line.list().ofMaxSize(10);
    }

    private static byte[] toArray(List<Byte> bytes) {
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
