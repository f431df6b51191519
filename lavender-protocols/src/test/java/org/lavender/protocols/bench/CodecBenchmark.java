package org.lavender.protocols.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lavender.protocols.astm.AstmMessage;
import org.lavender.protocols.astm.AstmMessageParser;
import org.lavender.protocols.astm.AstmReceiver;
import org.lavender.protocols.astm.Frame;
import org.lavender.protocols.astm.FrameEncoder;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.mllp.MllpDecoder;
import org.lavender.protocols.mllp.MllpEncoder;
import org.lavender.protocols.mllp.MllpEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the wire codecs on one analyzer message of 20 results (the load the ingestion targets assume):
 * an ASTM session (ENQ, frames, EOT) through the LIS1-A receiver, its records through the LIS2-A2 parser, the
 * records framed for sending, and an HL7 ORU^R01 through the MLLP decoder whole and in 64-byte reads.
 * Run: {@code ./mvnw -B -Pjmh -pl lavender-protocols -am test}. Figures are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class CodecBenchmark {

    static final int RESULTS = 20;
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private List<byte[]> astmRecords;
    private byte[] astmSession;
    private byte[] hl7Message;
    private byte[] mllpFrame;
    private List<byte[]> mllpReads;

    @Setup
    public void setUp() {
        astmRecords = astmRecords();
        astmSession = astmSession(astmRecords);
        hl7Message = oruR01().getBytes(StandardCharsets.ISO_8859_1);
        mllpFrame = MllpEncoder.encode(hl7Message);
        mllpReads = new ArrayList<>();
        for (int i = 0; i < mllpFrame.length; i += 64) {
            mllpReads.add(java.util.Arrays.copyOfRange(mllpFrame, i, Math.min(mllpFrame.length, i + 64)));
        }
    }

    @Benchmark
    public int astmReceiveSession() {
        LinkOutput out = new AstmReceiver(LinkConfig.strict()).receive(astmSession, NOW);
        return requireRecords(out.events(LinkEvent.RecordReceived.class).size());
    }

    @Benchmark
    public List<AstmMessage> astmParseRecords() {
        return new AstmMessageParser(StandardCharsets.ISO_8859_1).parse(astmRecords);
    }

    @Benchmark
    public int astmEncodeFrames() {
        int bytes = 0;
        for (Frame frame : new FrameEncoder().encode(astmRecords)) {
            bytes += frame.encode().length;
        }
        return bytes;
    }

    @Benchmark
    public int mllpDecodeWhole() {
        return requireOne(new MllpDecoder(1 << 20).decode(mllpFrame));
    }

    @Benchmark
    public int mllpDecodeIn64ByteReads() {
        MllpDecoder decoder = new MllpDecoder(1 << 20);
        int messages = 0;
        for (byte[] read : mllpReads) {
            messages += requireMessages(decoder.decode(read));
        }
        return messages;
    }

    @Benchmark
    public byte[] mllpEncode() {
        return MllpEncoder.encode(hl7Message);
    }

    private static int requireRecords(int records) {
        if (records != RESULTS + 4) {
            throw new IllegalStateException("expected " + (RESULTS + 4) + " records, got " + records);
        }
        return records;
    }

    private static int requireOne(List<MllpEvent> events) {
        if (events.size() != 1 || !(events.get(0) instanceof MllpEvent.Message)) {
            throw new IllegalStateException("expected one message, got " + events);
        }
        return 1;
    }

    private static int requireMessages(List<MllpEvent> events) {
        for (MllpEvent e : events) {
            if (!(e instanceof MllpEvent.Message)) {
                throw new IllegalStateException("framing error " + e);
            }
        }
        return events.size();
    }

    static List<byte[]> astmRecords() {
        List<String> records = new ArrayList<>();
        records.add("H|\\^&|||Generic ASTM^1.0|||||||P|LIS2-A2|20261125080000");
        records.add("P|1||MRN0001||Doe^Jane||19700101|F");
        records.add("O|1|261125-00017||^^^CBC|R|20261125073000|||||||||Blood|||||||||||F");
        for (int i = 1; i <= RESULTS; i++) {
            records.add("R|" + i + "|^^^" + (6690 + i) + "-2|" + (4 + i * 0.1) + "|10*3/uL|4.0^11.0|N||F||||20261125075900");
        }
        records.add("L|1|N");
        return records.stream().map(r -> r.getBytes(StandardCharsets.ISO_8859_1)).toList();
    }

    static byte[] astmSession(List<byte[]> records) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(0x05);
        for (Frame frame : new FrameEncoder().encode(records)) {
            wire.writeBytes(frame.encode());
        }
        wire.write(0x04);
        return wire.toByteArray();
    }

    static String oruR01() {
        StringBuilder m = new StringBuilder();
        m.append("MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|20261125080000||ORU^R01^ORU_R01|MSG00001|P|2.5.1\r");
        m.append("PID|1||MRN0001^^^LAB^MR||Doe^Jane||19700101|F\r");
        m.append("OBR|1||261125-00017|57021-8^CBC W Auto Differential panel^LN|||20261125073000\r");
        for (int i = 1; i <= RESULTS; i++) {
            m.append("OBX|").append(i).append("|NM|").append(6690 + i).append("-2^Analyte ").append(i)
                    .append("^LN||").append(4 + i * 0.1).append("|10*3/uL|4.0-11.0|N|||F|||20261125075900\r");
        }
        return m.toString();
    }
}
