package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.actAsAdmin;
import static org.lavender.ItSupport.eventually;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.MessageState;
import org.lavender.instruments.PotassiumTubes;
import org.lavender.instruments.ReceivedObservation;
import org.lavender.instruments.Transport;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultRevision;
import org.lavender.results.Results;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Filing several stored messages in one transaction (what a filing worker does when analyzers send faster than it
 * files) gives exactly what filing them one by one gives: in the order stored, with a re-run in a later message
 * replacing the first run, and a refused message a dead letter while the others file.
 */
@LavenderIT
class FilingBatchIT {

    private static final AtomicInteger CONTROL_IDS = new AtomicInteger();

    @Autowired FilingService filing;
    @Autowired MessageRepository messages;
    @Autowired Instruments instruments;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired Results results;

    private Analyzer analyzer;

    @BeforeEach
    void analyzer() {
        actAsAdmin();
        analyzer = instruments.analyzerByName("IT Batch").orElseGet(() -> instruments.create(new AnalyzerSettings(
                "IT Batch", "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null, 0, null, "UTF-8",
                true, true)));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aBatchFilesInStoredOrderARerunReplacesTheFirstRunAndARefusalStaysWithItsMessage() {
        Specimen a = potassiumTube(true);
        Specimen b = potassiumTube(true);
        Specimen notReceived = potassiumTube(false);
        long first = store(oru(a.accession(), "4.1"));
        long other = store(oru(b.accession(), "4.5"));
        long rerun = store(oru(a.accession(), "4.4"));
        long refused = store(oru(notReceived.accession(), "4.2"));
        long garbage = store("MSH|not an HL7 message at all".getBytes(StandardCharsets.UTF_8));

        Map<Long, MessageState> states = filing.processAll(List.of(filing(first), filing(other), filing(rerun),
                filing(refused), filing(garbage)));

        assertThat(states).containsEntry(first, MessageState.FILED).containsEntry(other, MessageState.FILED)
                .containsEntry(rerun, MessageState.FILED).containsEntry(refused, MessageState.ERROR)
                .containsEntry(garbage, MessageState.ERROR);
        LabResult potassiumA = potassiumOf(a);
        assertThat(potassiumA.valueText()).isEqualTo("4.4");
        assertThat(results.revisions(potassiumA.id())).extracting(ResultRevision::valueText).containsExactly("4.1");
        assertThat(potassiumOf(b).valueText()).isEqualTo("4.5");
        assertThat(potassiumOf(notReceived)).as("no result before the tube is received").isNull();
        assertThat(messages.find(refused).orElseThrow().reason()).contains("results are filed on received tubes only");
        assertThat(instruments.observations(first)).extracting(ReceivedObservation::state, ReceivedObservation::resultId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("FILED", potassiumA.id()));

        // Filing the same messages again changes nothing: no result is filed twice.
        assertThat(filing.processAll(List.of(filing(first), filing(other), filing(rerun))).values())
                .containsOnly(MessageState.FILED);
        assertThat(potassiumOf(a).version()).isEqualTo(potassiumA.version());
        assertThat(results.revisions(potassiumA.id())).hasSize(1);
    }

    @Test
    void reRunsInterleavedInOneBatchEndWithTheLastValueAndKeepEveryEarlierOneInOrder() {
        Specimen a = potassiumTube(true);
        Specimen b = potassiumTube(true);
        List<FilingService.Filing> batch = new ArrayList<>();
        for (String[] sent : new String[][] {{"a", "3.9"}, {"b", "4.6"}, {"b", "4.7"}, {"a", "4.0"}, {"a", "4.2"}}) {
            batch.add(filing(store(oru((sent[0].equals("a") ? a : b).accession(), sent[1]))));
        }

        assertThat(filing.processAll(batch).values()).containsOnly(MessageState.FILED);

        LabResult potassiumA = potassiumOf(a);
        assertThat(potassiumA.valueText()).isEqualTo("4.2");
        assertThat(results.revisions(potassiumA.id())).extracting(ResultRevision::valueText)
                .containsExactly("3.9", "4.0");
        LabResult potassiumB = potassiumOf(b);
        assertThat(potassiumB.valueText()).isEqualTo("4.7");
        assertThat(results.revisions(potassiumB.id())).extracting(ResultRevision::valueText).containsExactly("4.6");
    }

    @Test
    void aBatchJudgesEveryResultAsFilingTheMessagesOneByOneDoes() {
        String[] values = {"3.1", "4.0", "5.9", "2.4", "4.4", "7.1", "3.6", "4.9"};
        List<Specimen> oneByOne = new ArrayList<>();
        List<Specimen> together = new ArrayList<>();
        List<FilingService.Filing> batch = new ArrayList<>();
        for (String value : values) {
            Specimen single = potassiumTube(true);
            oneByOne.add(single);
            filing.process(store(oru(single.accession(), value)));
            Specimen batched = potassiumTube(true);
            together.add(batched);
            batch.add(filing(store(oru(batched.accession(), value))));
        }

        assertThat(filing.processAll(batch).values()).containsOnly(MessageState.FILED);

        for (int i = 0; i < values.length; i++) {
            assertThat(judged(potassiumOf(together.get(i)))).as(values[i])
                    .isEqualTo(judged(potassiumOf(oneByOne.get(i))));
        }
    }

    /** What filing decided about a result, without what differs between two tubes (ids, times). */
    private static String judged(LabResult r) {
        return r.valueText() + " " + r.unit() + " " + r.interpretation() + " " + r.referenceText() + " " + r.status()
                + " " + r.resultedBy();
    }

    private Specimen potassiumTube(boolean received) {
        PotassiumTubes tubes = new PotassiumTubes(patients, orders, specimens, results);
        return received ? tubes.received("Batch", "Bea") : tubes.ordered("Batch", "Bea");
    }

    private LabResult potassiumOf(Specimen tube) {
        return new PotassiumTubes(patients, orders, specimens, results).potassiumOf(tube);
    }

    private long store(String message) {
        return store(message.getBytes(StandardCharsets.UTF_8));
    }

    private long store(byte[] bytes) {
        return messages.store(analyzer.id(), "IT Batch#test", "127.0.0.1", Instant.now(), bytes,
                "batch-it-" + CONTROL_IDS.incrementAndGet() + "-" + System.nanoTime(), MessageState.RECEIVED, null)
                .id();
    }

    private static FilingService.Filing filing(long rawMessageId) {
        return new FilingService.Filing(rawMessageId, null);
    }

    private static String oru(String accession, String potassium) {
        String controlId = "BATCH-" + CONTROL_IDS.incrementAndGet();
        return String.join("\r",
                "MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|20261125101500||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||PID-1",
                "OBR|1||" + accession + "|2823-3^Potassium^LN|||20261125100000",
                "OBX|1|NM|2823-3^Potassium^LN||" + potassium + "|mmol/L|3.5-5.1||||F|||20261125101400",
                "SPM|1|" + accession + "||SER") + "\r";
    }
}
