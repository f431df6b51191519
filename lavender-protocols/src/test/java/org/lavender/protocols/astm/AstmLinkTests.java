package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two links on a simulated half-duplex line, with a simulated clock. */
class AstmLinkTests {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private final AstmLink instrument = new AstmLink(Role.INSTRUMENT, LinkConfig.strict());
    private final AstmLink computer = new AstmLink(Role.COMPUTER, LinkConfig.strict());
    private final List<String> receivedByComputer = new ArrayList<>();
    private final List<String> receivedByInstrument = new ArrayList<>();
    private final List<LinkEvent> computerEvents = new ArrayList<>();
    private Instant now = T0;

    @Test
    void bothSidesBidAtOnceTheInstrumentWinsAndTheComputerSendsAfterwards() {
        byte[] fromInstrument = instrument.send(records("H|\\^&|||Analyzer", "R|1|^^^K|4.1|mmol/L", "L|1|N"), now)
                .toSend();
        byte[] fromComputer = computer.send(records("H|\\^&|||Lavender", "L|1|N"), now).toSend();
        assertThat(Wire.show(fromInstrument)).isEqualTo("<ENQ>");
        assertThat(Wire.show(fromComputer)).isEqualTo("<ENQ>");

        deliver(fromInstrument, fromComputer);
        for (int step = 0; step < 200; step++) {
            now = now.plus(Duration.ofMillis(500));
            deliver(instrument.tick(now).toSend(), computer.tick(now).toSend());
        }

        assertThat(computerEvents).anySatisfy(e -> assertThat(e)
                .isEqualTo(new LinkEvent.ProtocolError(LinkError.CONTENTION, "both sides sent ENQ; computer yields")));
        assertThat(receivedByComputer).containsExactly("H|\\^&|||Analyzer", "R|1|^^^K|4.1|mmol/L", "L|1|N");
        assertThat(receivedByInstrument).containsExactly("H|\\^&|||Lavender", "L|1|N");
    }

    @Test
    void aLongRecordCrossesTheLineInEtbFrames() {
        String longRecord = "M|1|" + "0123456789".repeat(60);

        deliver(instrument.send(records("H|\\^&", longRecord, "L|1|N"), now).toSend(), new byte[0]);

        assertThat(receivedByComputer).containsExactly("H|\\^&", longRecord, "L|1|N");
    }

    /** Passes bytes across the line until both sides are quiet. */
    private void deliver(byte[] fromInstrument, byte[] fromComputer) {
        byte[] toComputer = fromInstrument;
        byte[] toInstrument = fromComputer;
        while (toComputer.length > 0 || toInstrument.length > 0) {
            LinkOutput atComputer = computer.receive(toComputer, now);
            LinkOutput atInstrument = instrument.receive(toInstrument, now);
            computerEvents.addAll(atComputer.events());
            collect(atComputer, receivedByComputer);
            collect(atInstrument, receivedByInstrument);
            toComputer = atInstrument.toSend();
            toInstrument = atComputer.toSend();
        }
    }

    private static void collect(LinkOutput out, List<String> into) {
        out.events(LinkEvent.RecordReceived.class).forEach(r -> into.add(r.text(StandardCharsets.ISO_8859_1)));
    }

    private static List<byte[]> records(String... texts) {
        return java.util.Arrays.stream(texts).map(Wire::ascii).toList();
    }
}
