package org.lavender.protocols.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.lavender.protocols.astm.AstmCapture;
import org.lavender.protocols.astm.AstmMessageParser;
import org.lavender.protocols.astm.AstmProtocolException;
import org.lavender.protocols.astm.AstmReceiver;
import org.lavender.protocols.astm.Frame;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.mllp.MllpDecoder;

/**
 * Jazzer fuzz targets. In the normal build they replay their seed inputs only (a moment); with
 * {@code JAZZER_FUZZ=1} they fuzz. Any exception other than the protocols' typed one is a finding.
 */
class ProtocolFuzzTests {

    @FuzzTest(maxDuration = "30s")
    void frameDecoder(byte[] data) {
        for (boolean tolerant : new boolean[] {false, true}) {
            try {
                Frame.decode(data, tolerant);
            } catch (AstmProtocolException expected) {
                // typed rejection
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void receiverAndRecordParser(byte[] data) {
        AstmReceiver receiver = new AstmReceiver(LinkConfig.lenient());
        receiver.receive(data, Instant.EPOCH);
        receiver.tick(Instant.EPOCH.plusSeconds(60));
        try {
            new AstmMessageParser(StandardCharsets.UTF_8).parse(AstmCapture.read(data).records());
        } catch (AstmProtocolException expected) {
            // typed rejection
        }
    }

    @FuzzTest(maxDuration = "30s")
    void mllpDecoder(byte[] data) {
        MllpDecoder decoder = new MllpDecoder(512);
        int half = data.length / 2;
        decoder.decode(Arrays.copyOfRange(data, 0, half));
        decoder.decode(Arrays.copyOfRange(data, half, data.length));
    }
}
