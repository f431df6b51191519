package org.lavender.protocols.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's inputs are what it claims to measure (a session of 24 records, one 20-OBX message). */
class CodecBenchmarkTests {

    @Test
    void benchmarkInputsDecodeCompletely() {
        CodecBenchmark bench = new CodecBenchmark();
        bench.setUp();
        assertThat(bench.astmReceiveSession()).isEqualTo(CodecBenchmark.RESULTS + 4);
        assertThat(bench.astmParseRecords()).singleElement()
                .satisfies(m -> assertThat(m.patients().get(0).orders().get(0).results()).hasSize(20));
        assertThat(bench.mllpDecodeWhole()).isEqualTo(1);
        assertThat(bench.mllpDecodeIn64ByteReads()).isEqualTo(1);
        assertThat(bench.astmEncodeFrames()).isGreaterThan(0);
        assertThat(bench.mllpEncode()).startsWith(0x0B).endsWith(0x1C, 0x0D);
    }
}
