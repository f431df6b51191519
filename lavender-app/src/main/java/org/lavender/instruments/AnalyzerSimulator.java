package org.lavender.instruments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.protocols.astm.AstmCapture;
import org.lavender.protocols.astm.AstmSender;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.astm.Role;
import org.lavender.protocols.mllp.MllpEncoder;

/**
 * Plays an analyzer over TCP: sends ORU^R01 over MLLP or an ASTM E1381/E1394 transfer (H, P, O with the accession
 * in O-3, R with {@code ^^^<LOINC>}, L), waiting for each acknowledgment as a real analyzer does, and replays the
 * shared captures. Used by the demo (lavender.demo.simulator=true) and from the command line:
 * <pre>
 *   java -cp lavender-app.jar -Dloader.main=org.lavender.instruments.AnalyzerSimulator \
 *       org.springframework.boot.loader.launch.PropertiesLauncher hl7 localhost:2575 260115-000427 2823-3=4.2:mmol/L
 *   ... astm localhost:5001 260115-000427 2823-3=4.2:mmol/L
 *   ... replay localhost:2575 ../shared/fixtures/hl7/dymind-dph1x-oru-r01-cbc.hl7
 * </pre>
 */
public final class AnalyzerSimulator {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicLong CONTROL_IDS = new AtomicLong(System.currentTimeMillis());
    private static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    /** One measured value: LOINC code, value as text and unit. */
    public record Measurement(String loinc, String value, String unit) {

        /** {@code LOINC=VALUE[:UNIT]}, as on the command line. */
        public static Measurement parse(String text) {
            int eq = text.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected LOINC=VALUE[:UNIT], got " + text);
            }
            String rest = text.substring(eq + 1);
            int colon = rest.indexOf(':');
            return new Measurement(text.substring(0, eq), colon < 0 ? rest : rest.substring(0, colon),
                    colon < 0 ? "" : rest.substring(colon + 1));
        }
    }

    private AnalyzerSimulator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: AnalyzerSimulator hl7|astm HOST:PORT ACCESSION LOINC=VALUE[:UNIT]...\n"
                    + "       AnalyzerSimulator replay HOST:PORT FILE...  (.hl7 over MLLP, .astm over E1381)");
            System.exit(2);
        }
        String host = args[1].substring(0, args[1].lastIndexOf(':'));
        int port = Integer.parseInt(args[1].substring(args[1].lastIndexOf(':') + 1));
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        switch (args[0]) {
            case "hl7" -> {
                List<Measurement> values = rest.subList(1, rest.size()).stream().map(Measurement::parse).toList();
                sendHl7(host, port, List.of(oru(rest.get(0), values, Instant.now(), ZoneId.systemDefault())),
                        StandardCharsets.UTF_8).forEach(ack -> System.out.println(ack.replace('\r', '\n')));
            }
            case "astm" -> {
                List<Measurement> values = rest.subList(1, rest.size()).stream().map(Measurement::parse).toList();
                boolean done = sendAstm(host, port, List.of(astm(rest.get(0), values, Instant.now(),
                        ZoneId.systemDefault())), StandardCharsets.UTF_8);
                System.out.println(done ? "transfer completed" : "transfer NOT completed");
            }
            case "replay" -> {
                for (String file : rest) {
                    System.out.println(file + ": " + replay(Path.of(file), host, port));
                }
            }
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    /** An ORU^R01 (HL7 2.5.1) with the accession in OBR-3 and SPM-2 and LOINC-coded OBX segments. */
    public static String oru(String accession, List<Measurement> values, Instant at, ZoneId zone) {
        String time = HL7_TIME.format(at.atZone(zone));
        var segments = new ArrayList<String>();
        segments.add("MSH|^~\\&|SIMULATOR|LAVENDER-DEMO|LAVENDER|LAB|" + time + "||ORU^R01^ORU_R01|SIM"
                + CONTROL_IDS.incrementAndGet() + "|P|2.5.1|||AL|NE");
        segments.add("PID|1");
        segments.add("OBR|1||" + accession + "|||" + time);
        int i = 0;
        for (Measurement m : values) {
            segments.add("OBX|" + (++i) + "|NM|" + m.loinc() + "^^LN||" + m.value() + "|" + m.unit() + "||||||F|||"
                    + time);
        }
        segments.add("SPM|1|" + accession + "||SER");
        return String.join("\r", segments) + "\r";
    }

    /** An ASTM message: H, P, O (O-3 = accession), one R per value with {@code ^^^<LOINC>}, L. */
    public static List<String> astm(String accession, List<Measurement> values, Instant at, ZoneId zone) {
        String time = HL7_TIME.format(at.atZone(zone));
        var records = new ArrayList<String>();
        records.add("H|\\^&|||SIMULATOR^1.0|||||||P|LIS2-A2|" + time);
        records.add("P|1");
        records.add("O|1|" + accession + "||" + String.join("\\", values.stream().map(m -> "^^^" + m.loinc())
                .toList()) + "|R||||||||||SERUM");
        int i = 0;
        for (Measurement m : values) {
            records.add("R|" + (++i) + "|^^^" + m.loinc() + "|" + m.value() + "|" + m.unit() + "||||F||||" + time);
        }
        records.add("L|1|N");
        return records;
    }

    /** Sends messages over one MLLP connection, each after the previous one's ACK; returns the ACKs. */
    public static List<String> sendHl7(String host, int port, List<String> messages, Charset charset)
            throws IOException {
        var acks = new ArrayList<String>();
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) REPLY_WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String message : messages) {
                out.write(MllpEncoder.encode(message.getBytes(charset)));
                out.flush();
                acks.add(readMllp(in, charset));
            }
        }
        return acks;
    }

    private static String readMllp(InputStream in, Charset charset) throws IOException {
        var reply = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == 0x1C && b == 0x0D) {
                return reply.toString(charset);
            }
            if (b != 0x0B && b != 0x1C) {
                reply.write(b);
            }
            previous = b;
        }
        throw new IOException("connection closed before the acknowledgment");
    }

    /** Sends each message as one LIS1-A transfer (ENQ, frames, EOT); true when every transfer completed. */
    public static boolean sendAstm(String host, int port, List<List<String>> messages, Charset charset)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(200);
            for (List<String> message : messages) {
                if (!transfer(socket, message.stream().map(r -> r.getBytes(charset)).toList())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean transfer(Socket socket, List<byte[]> records) throws IOException {
        var sender = new AstmSender(Role.INSTRUMENT, LinkConfig.strict());
        LinkOutput output = sender.send(records, Instant.now());
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        byte[] buffer = new byte[1024];
        while (System.nanoTime() < deadline) {
            socket.getOutputStream().write(output.toSend());
            socket.getOutputStream().flush();
            for (LinkEvent event : output.events()) {
                if (event instanceof LinkEvent.TransferCompleted) {
                    return true;
                }
                if (event instanceof LinkEvent.ProtocolError e && sender.isIdle()) {
                    return false;
                }
            }
            try {
                int n = socket.getInputStream().read(buffer);
                if (n < 0) {
                    return false;
                }
                output = sender.receive(Arrays.copyOf(buffer, n), Instant.now());
            } catch (SocketTimeoutException quiet) {
                output = sender.tick(Instant.now());
            }
        }
        return false;
    }

    /**
     * Replays a capture: a {@code .hl7} file message by message over MLLP (each MSH starts one), an {@code .astm}
     * file re-framed as proper LIS1-A transfers (one per H..L). Returns a one-line summary.
     */
    public static String replay(Path file, String host, int port) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (file.getFileName().toString().endsWith(".hl7")) {
            String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\r").replace('\n', '\r');
            var messages = new ArrayList<String>();
            for (String part : text.split("(?=MSH\\|)")) {
                if (part.startsWith("MSH")) {
                    messages.add(part);
                }
            }
            List<String> acks = sendHl7(host, port, messages, StandardCharsets.UTF_8);
            return messages.size() + " message(s), acknowledgments " + acks.stream()
                    .map(a -> a.contains("MSA|AA") ? "AA" : a.contains("MSA|AE") ? "AE" : "AR").toList();
        }
        var messages = new ArrayList<List<String>>();
        List<String> current = null;
        for (byte[] record : AstmCapture.read(bytes).records()) {
            String text = new String(record, StandardCharsets.ISO_8859_1);
            if (text.startsWith("H")) {
                current = new ArrayList<>();
                messages.add(current);
            }
            if (current != null) {
                current.add(text);
            }
        }
        boolean done = sendAstm(host, port, messages, StandardCharsets.ISO_8859_1);
        return messages.size() + " ASTM message(s), " + (done ? "all transfers completed" : "a transfer failed");
    }
}
