package org.lavender.protocols.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MllpDecoderTests {

    private final MllpDecoder decoder = new MllpDecoder(1024);

    @Test
    void decodesOneFramedMessage() {
        assertThat(decoder.decode(MllpEncoder.encode(bytes("MSH|^~\\&|A\rPID|1\r"))))
                .containsExactly(new MllpEvent.Message(bytes("MSH|^~\\&|A\rPID|1\r")));
    }

    @Test
    void messagesMaySpanChunksAndChunksMayHoldSeveralMessages() {
        byte[] stream = concat(MllpEncoder.encode(bytes("MSH|1")), MllpEncoder.encode(bytes("MSH|2")));
        List<MllpEvent> events = new ArrayList<>();
        for (byte b : stream) {
            events.addAll(decoder.decode(new byte[] {b}));
        }

        assertThat(events).containsExactly(new MllpEvent.Message(bytes("MSH|1")), new MllpEvent.Message(bytes("MSH|2")));
        assertThat(new MllpDecoder(1024).decode(stream)).hasSize(2);
    }

    @Test
    void oversizedMessageIsATypedErrorAndTheDecoderResyncsAtTheNextStartBlock() {
        MllpDecoder small = new MllpDecoder(10);

        List<MllpEvent> events = small.decode(concat(MllpEncoder.encode(bytes("MSH|" + "x".repeat(50))),
                MllpEncoder.encode(bytes("MSH|ok"))));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(MllpEvent.Error.class,
                e -> assertThat(e.error()).isEqualTo(MllpError.OVERSIZE));
        assertThat(events.get(1)).isEqualTo(new MllpEvent.Message(bytes("MSH|ok")));
    }

    @Test
    void bytesOutsideBlocksAreReportedAndSkipped() {
        List<MllpEvent> events = decoder.decode(concat(bytes("noise\r\n"), MllpEncoder.encode(bytes("MSH|1"))));

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Error", "Message");
        assertThat(((MllpEvent.Error) events.get(0)).error()).isEqualTo(MllpError.UNFRAMED_BYTES);
    }

    @Test
    void startBlockInsideAMessageDropsThePartialOne() {
        List<MllpEvent> events = decoder.decode(concat(bytes("\u000bMSH|partial"), MllpEncoder.encode(bytes("MSH|2"))));

        assertThat(((MllpEvent.Error) events.get(0)).error()).isEqualTo(MllpError.MISSING_END_BLOCK);
        assertThat(events.get(1)).isEqualTo(new MllpEvent.Message(bytes("MSH|2")));
    }

    @Test
    void fsWithoutCrIsABadEndBlock() {
        List<MllpEvent> events = decoder.decode(bytes("\u000bMSH|1\u001cX\u000bMSH|2\u001c\r"));

        assertThat(((MllpEvent.Error) events.get(0)).error()).isEqualTo(MllpError.BAD_END_BLOCK);
        assertThat(events).last().isEqualTo(new MllpEvent.Message(bytes("MSH|2")));
    }

    @Test
    void binaryGarbageNeverThrows() {
        Random random = new Random(7);
        byte[] garbage = new byte[100_000];
        random.nextBytes(garbage);

        List<MllpEvent> events = new MllpDecoder(64).decode(garbage);

        assertThat(events).allSatisfy(e -> assertThat(e).isInstanceOfAny(MllpEvent.Message.class, MllpEvent.Error.class));
    }

    @Test
    void encoderRefusesPayloadsWithBlockCharacters() {
        assertThatThrownBy(() -> MllpEncoder.encode(bytes("MSH|\u001c"))).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
