package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lavender.protocols.Fixtures;

class AstmReceiverTests {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private final AstmReceiver receiver = new AstmReceiver(LinkConfig.strict());

    @Test
    void answersEnqWithAckAndFramesWithAck() {
        assertThat(Wire.show(receiver.receive(Wire.of("<ENQ>"), T0).toSend())).isEqualTo("<ACK>");

        LinkOutput out = receiver.receive(Wire.frame(1, "H|\\^&\r", true), T0);

        assertThat(Wire.show(out.toSend())).isEqualTo("<ACK>");
        assertThat(records(out)).containsExactly("H|\\^&");
    }

    @Test
    void receivesTheBeckmanSessionAsCapturedByteForByte() {
        byte[] capture = Fixtures.bytes("astm", "beckman-access2-hcg-framed.astm");
        LinkOutput out = null;
        StringBuilder replies = new StringBuilder();
        List<String> records = new java.util.ArrayList<>();
        for (byte b : capture) {
            out = receiver.receive(new byte[] {b}, T0);
            replies.append(Wire.show(out.toSend()));
            records.addAll(records(out));
        }

        assertThat(replies.toString()).isEqualTo("<ACK>".repeat(6));
        assertThat(records).hasSize(5).startsWith("H|\\^&|||ACCESS^575707|||||LIS||P|1|20250701185020");
        assertThat(out.events()).last().isInstanceOf(LinkEvent.Terminated.class);
        assertThat(receiver.isNeutral()).isTrue();
    }

    @Test
    void badChecksumIsNakedAndTheRetransmissionAccepted() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput bad = receiver.receive(Wire.of("<STX>1H|\\^&<CR><ETX>00<CR><LF>"), T0);
        LinkOutput good = receiver.receive(Wire.frame(1, "H|\\^&\r", true), T0);

        assertThat(Wire.show(bad.toSend())).isEqualTo("<NAK>");
        assertThat(bad.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.BAD_CHECKSUM);
        assertThat(Wire.show(good.toSend())).isEqualTo("<ACK>");
        assertThat(records(good)).containsExactly("H|\\^&");
    }

    @Test
    void wrongFrameNumberIsNaked() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(Wire.frame(3, "H|\\^&\r", true), T0);

        assertThat(Wire.show(out.toSend())).isEqualTo("<NAK>");
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.WRONG_FRAME_NUMBER);
    }

    @Test
    void repeatedFrameIsAcknowledgedButNotDeliveredTwice() {
        receiver.receive(Wire.of("<ENQ>"), T0);
        receiver.receive(Wire.frame(1, "H|\\^&\r", true), T0);

        LinkOutput repeat = receiver.receive(Wire.frame(1, "H|\\^&\r", true), T0);

        assertThat(Wire.show(repeat.toSend())).isEqualTo("<ACK>");
        assertThat(repeat.events()).isEmpty();
    }

    @Test
    void truncatedTrailerIsNaked() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(Wire.of("<STX>1H|\\^&<CR><ETX>4<CR><LF>"), T0);

        assertThat(Wire.show(out.toSend())).isEqualTo("<NAK>");
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.TRUNCATED_FRAME);
    }

    @Test
    void frameInterruptedByANewStxIsReportedAndTheNewFrameTaken() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(concat(Wire.of("<STX>1H|\\^"), Wire.frame(1, "H|\\^&\r", true)), T0);

        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.TRUNCATED_FRAME);
        assertThat(Wire.show(out.toSend())).isEqualTo("<ACK>");
        assertThat(records(out)).containsExactly("H|\\^&");
    }

    @Test
    void etbFramesAreJoinedIntoOneRecord() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(concat(Wire.frame(1, "R|1|^^^GLU|5", false), Wire.frame(2, ".4|mmol/L\r", true),
                Wire.of("<EOT>")), T0);

        assertThat(records(out)).containsExactly("R|1|^^^GLU|5.4|mmol/L");
        assertThat(Wire.show(out.toSend())).isEqualTo("<ACK><ACK>");
    }

    @Test
    void eotAfterAnEtbFrameReportsTheIncompleteRecord() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(concat(Wire.frame(1, "R|1|^^^GLU|5", false), Wire.of("<EOT>")), T0);

        assertThat(records(out)).isEmpty();
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.INCOMPLETE_RECORD);
    }

    @Test
    void recordsOverTheLimitAreDroppedButTheLinkCarriesOn() {
        AstmReceiver small = new AstmReceiver(LinkConfig.strict().withMaxRecordBytes(300));
        small.receive(Wire.of("<ENQ>"), T0);
        List<Frame> frames = new FrameEncoder().encode(List.of(Wire.ascii("M|1|" + "x".repeat(500)), Wire.ascii("L|1|N")));
        byte[] wire = concat(frames.stream().map(Frame::encode).toArray(byte[][]::new));

        LinkOutput out = small.receive(wire, T0);

        assertThat(Wire.show(out.toSend())).isEqualTo("<ACK>".repeat(frames.size()));
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.RECORD_TOO_LONG);
        assertThat(records(out)).containsExactly("L|1|N");
    }

    @Test
    void oversizedFrameIsNakedInStrictMode() {
        receiver.receive(Wire.of("<ENQ>"), T0);

        LinkOutput out = receiver.receive(Wire.frame(1, "M|" + "x".repeat(400) + "\r", true), T0);

        assertThat(Wire.show(out.toSend())).isEqualTo("<NAK>");
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.FRAME_TOO_LONG);
    }

    @Test
    void silenceOf30SecondsReturnsTheReceiverToNeutral() {
        receiver.receive(Wire.of("<ENQ>"), T0);
        receiver.receive(Wire.frame(1, "H|\\^&\r", true), T0.plusSeconds(5));

        assertThat(receiver.tick(T0.plusSeconds(34)).events()).isEmpty();
        LinkOutput out = receiver.tick(T0.plusSeconds(35));

        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.RECEIVE_TIMEOUT);
        assertThat(receiver.isNeutral()).isTrue();
        assertThat(receiver.receive(Wire.frame(2, "P|1\r", true), T0.plusSeconds(36)).toSend()).isEmpty();
    }

    @Test
    void neutralReceiverIgnoresEverythingButEnq() {
        LinkOutput out = receiver.receive(concat(Wire.frame(1, "H|\\^&\r", true), Wire.of("<ACK><NAK><EOT>xyz")), T0);

        assertThat(out.toSend()).isEmpty();
        assertThat(out.events()).isEmpty();
    }

    @Test
    void strictReceiverRefusesTheMaglumiFramesWithoutNumberOrChecksum() {
        byte[] capture = Fixtures.bytes("astm", "snibe-maglumi-thyroid-nofn-nochecksum.astm");

        LinkOutput out = receiver.receive(capture, T0);

        assertThat(records(out)).isEmpty();
        assertThat(out.events(LinkEvent.ProtocolError.class)).isNotEmpty();
    }

    @Test
    void tolerantReceiverTakesAFrameWithoutChecksumAfterTheGracePeriod() {
        AstmReceiver tolerant = new AstmReceiver(LinkConfig.lenient());
        tolerant.receive(Wire.of("<ENQ>"), T0);

        LinkOutput afterEtx = tolerant.receive(Wire.of("<STX>H|\\^&<CR>L|1|N<CR><ETX>"), T0);
        LinkOutput later = tolerant.tick(T0.plus(Duration.ofSeconds(1)));

        assertThat(afterEtx.toSend()).isEmpty();
        assertThat(Wire.show(later.toSend())).isEqualTo("<ACK>");
        assertThat(records(later)).containsExactly("H|\\^&", "L|1|N");
    }

    @Test
    void binaryGarbageNeverThrowsAndLeavesTheReceiverUsable() {
        Random random = new Random(42);
        for (LinkConfig config : List.of(LinkConfig.strict(), LinkConfig.lenient())) {
            AstmReceiver r = new AstmReceiver(config);
            byte[] garbage = new byte[20_000];
            random.nextBytes(garbage);
            r.receive(garbage, T0);
            r.tick(T0.plusSeconds(60));

            r.receive(Wire.of("<EOT>"), T0.plusSeconds(61));
            r.receive(Wire.of("<ENQ>"), T0.plusSeconds(61));
            LinkOutput out = r.receive(Wire.frame(1, "H|\\^&\r", true), T0.plusSeconds(61));
            assertThat(records(out)).containsExactly("H|\\^&");
        }
    }

    static List<String> records(LinkOutput out) {
        return out.events(LinkEvent.RecordReceived.class).stream().map(r -> r.text(StandardCharsets.ISO_8859_1))
                .toList();
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
