package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AstmSenderTests {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final List<byte[]> MESSAGE = List.of(Wire.ascii("H|\\^&"), Wire.ascii("L|1|N"));
    private final AstmSender computer = new AstmSender(Role.COMPUTER, LinkConfig.strict());

    @Test
    void sendsEnqThenFramesThenEot() {
        assertThat(Wire.show(computer.send(MESSAGE, T0).toSend())).isEqualTo("<ENQ>");

        LinkOutput first = computer.receive(Wire.of("<ACK>"), T0);
        LinkOutput second = computer.receive(Wire.of("<ACK>"), T0);
        LinkOutput end = computer.receive(Wire.of("<ACK>"), T0);

        assertThat(first.toSend()).isEqualTo(Wire.frame(1, "H|\\^&\r", true));
        assertThat(second.toSend()).isEqualTo(Wire.frame(2, "L|1|N\r", true));
        assertThat(Wire.show(end.toSend())).isEqualTo("<EOT>");
        assertThat(end.events()).containsExactly(new LinkEvent.TransferCompleted());
        assertThat(computer.isIdle()).isTrue();
    }

    @Test
    void nakMakesTheSenderRepeatTheSameFrame() {
        computer.send(MESSAGE, T0);
        byte[] first = computer.receive(Wire.of("<ACK>"), T0).toSend();

        byte[] repeated = computer.receive(Wire.of("<NAK>"), T0).toSend();

        assertThat(repeated).isEqualTo(first);
    }

    @Test
    void aFrameIsSentAtMostSixTimesThenTheTransferIsAborted() {
        computer.send(MESSAGE, T0);
        int transmissions = computer.receive(Wire.of("<ACK>"), T0).toSend().length > 0 ? 1 : 0;
        LinkOutput out;
        while (true) {
            out = computer.receive(Wire.of("<NAK>"), T0);
            if (out.toSend()[0] != Ascii.STX) {
                break;
            }
            transmissions++;
        }

        assertThat(transmissions).isEqualTo(6);
        assertThat(Wire.show(out.toSend())).isEqualTo("<EOT>");
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.RETRIES_EXHAUSTED);
        assertThat(computer.isIdle()).isTrue();
    }

    @Test
    void noReplyToEnqWithin15SecondsAbortsWithEot() {
        computer.send(MESSAGE, T0);

        assertThat(computer.tick(T0.plusSeconds(14)).toSend()).isEmpty();
        LinkOutput out = computer.tick(T0.plusSeconds(15));

        assertThat(Wire.show(out.toSend())).isEqualTo("<EOT>");
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.REPLY_TIMEOUT);
    }

    @Test
    void noReplyToAFrameWithin15SecondsAbortsWithEot() {
        computer.send(MESSAGE, T0);
        computer.receive(Wire.of("<ACK>"), T0.plusSeconds(1));

        assertThat(computer.tick(T0.plusSeconds(15)).toSend()).isEmpty();
        assertThat(Wire.show(computer.tick(T0.plusSeconds(16)).toSend())).isEqualTo("<EOT>");
    }

    @Test
    void nakToEnqMeansWaitTenSecondsBeforeTheNextEnq() {
        computer.send(MESSAGE, T0);

        assertThat(computer.receive(Wire.of("<NAK>"), T0).toSend()).isEmpty();
        assertThat(computer.tick(T0.plusSeconds(9)).toSend()).isEmpty();
        assertThat(Wire.show(computer.tick(T0.plusSeconds(10)).toSend())).isEqualTo("<ENQ>");
    }

    @Test
    void onContentionTheComputerYields() {
        computer.send(MESSAGE, T0);

        LinkOutput out = computer.receive(Wire.of("<ENQ>"), T0);

        assertThat(out.toSend()).isEmpty();
        assertThat(out.events(LinkEvent.ProtocolError.class)).extracting(LinkEvent.ProtocolError::error)
                .containsExactly(LinkError.CONTENTION);
        assertThat(computer.tick(T0.plusSeconds(19)).toSend()).isEmpty();
        assertThat(Wire.show(computer.tick(T0.plusSeconds(20)).toSend())).isEqualTo("<ENQ>");
    }

    @Test
    void onContentionTheInstrumentBidsAgainAfterOneSecond() {
        AstmSender instrument = new AstmSender(Role.INSTRUMENT, LinkConfig.strict());
        instrument.send(MESSAGE, T0);

        instrument.receive(Wire.of("<ENQ>"), T0);

        assertThat(instrument.tick(T0.plusMillis(999)).toSend()).isEmpty();
        assertThat(Wire.show(instrument.tick(T0.plusSeconds(1)).toSend())).isEqualTo("<ENQ>");
    }

    @Test
    void eotInsteadOfAckIsAReceiverInterruptAndCountsAsAck() {
        computer.send(MESSAGE, T0);
        computer.receive(Wire.of("<ACK>"), T0);

        LinkOutput out = computer.receive(Wire.of("<EOT>"), T0);

        assertThat(out.events()).containsExactly(new LinkEvent.ReceiverInterrupt());
        assertThat(out.toSend()).isEqualTo(Wire.frame(2, "L|1|N\r", true));
    }

    @Test
    void queuedMessagesGoOutOneTransferEach() {
        computer.send(MESSAGE, T0);
        computer.send(List.of(Wire.ascii("H|\\^&"), Wire.ascii("L|1|N")), T0);
        computer.receive(Wire.of("<ACK><ACK><ACK>"), T0);

        assertThat(computer.isIdle()).isFalse();
        assertThat(Wire.show(computer.tick(T0.plusSeconds(1)).toSend())).isEqualTo("<ENQ>");
    }
}
