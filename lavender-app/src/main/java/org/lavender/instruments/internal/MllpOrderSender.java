package org.lavender.instruments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.util.Arrays;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.OutboundOrder;
import org.lavender.protocols.mllp.MllpDecoder;
import org.lavender.protocols.mllp.MllpEncoder;
import org.lavender.protocols.mllp.MllpEvent;
import org.springframework.stereotype.Component;

/**
 * Delivers one pushed HL7 order over its own short-lived MLLP connection to the analyzer's host and port (apart
 * from the connection on which results arrive): connect, send, wait for the acknowledgment, close.
 */
@Component
class MllpOrderSender {

    /** What came of one attempt. */
    sealed interface Outcome {
    }

    record Accepted(byte[] ack) implements Outcome {
    }

    record Refused(byte[] ack, String reason) implements Outcome {
    }

    /** Nothing usable came back (unreachable, timeout, garbage): worth another try. */
    record Undelivered(String reason) implements Outcome {
    }

    private static final int MAX_ACK_BYTES = 1 << 20;

    private final PushSettings settings;

    MllpOrderSender(PushSettings settings) {
        this.settings = settings;
    }

    Outcome send(Analyzer analyzer, OutboundOrder order) {
        Charset charset = Charset.forName(analyzer.encoding());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(analyzer.host(), analyzer.port()),
                    (int) settings.connectTimeout().toMillis());
            socket.setSoTimeout((int) settings.ackTimeout().toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(MllpEncoder.encode(order.bytes()));
            out.flush();
            byte[] ack = readAck(socket.getInputStream());
            if (ack == null) {
                return new Undelivered("connection closed by " + analyzer.host() + ":" + analyzer.port()
                        + " before an acknowledgment");
            }
            Hl7Ack read = Hl7Ack.read(new String(ack, charset));
            if (read.code() == null || !order.controlId().equals(read.controlId())) {
                return new Undelivered("the answer is not an acknowledgment of " + order.controlId() + ": MSA-1 "
                        + read.code() + ", MSA-2 " + read.controlId());
            }
            if (read.accepted()) {
                return new Accepted(ack);
            }
            if (read.refused()) {
                return new Refused(ack, read.code() + ": " + (read.reason() == null ? "no reason given"
                        : read.reason()));
            }
            return new Undelivered("unknown acknowledgment code " + read.code());
        } catch (SocketTimeoutException e) {
            return new Undelivered("no acknowledgment from " + analyzer.host() + ":" + analyzer.port() + " within "
                    + settings.ackTimeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Undelivered("cannot deliver to " + analyzer.host() + ":" + analyzer.port() + ": "
                    + e.getMessage());
        }
    }

    private static byte[] readAck(InputStream in) throws IOException {
        MllpDecoder decoder = new MllpDecoder(MAX_ACK_BYTES);
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            for (MllpEvent event : decoder.decode(Arrays.copyOf(buffer, n))) {
                if (event instanceof MllpEvent.Message message) {
                    return message.payload();
                }
            }
        }
        return null;
    }
}
