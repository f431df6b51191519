package org.lavender.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.actAsAdmin;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.catalog.Catalog;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.protocols.astm.AstmLink;
import org.lavender.protocols.astm.AstmSender;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.astm.Role;
import org.lavender.results.LabResult;
import org.lavender.results.ResultRevision;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.ConflictException;
import org.lavender.shared.Interpretation;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Analyzers over real sockets: an HL7 analyzer (MLLP) and an ASTM analyzer (LIS1-A) send potassium results for
 * received tubes; what they send is stored before they are acknowledged, filed with its flag, shown by FHIR; bad
 * input is refused, kept and does not stop other connections.
 */
@LavenderIT
class InstrumentsIT {

    private static final byte VT = 0x0B;
    private static final byte FS = 0x1C;
    private static final byte CR = 0x0D;

    @LocalServerPort int port;
    @Autowired Instruments instruments;
    @Autowired Catalog catalog;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired Results results;

    private Analyzer hl7;
    private Analyzer astm;

    @BeforeEach
    void analyzers() {
        actAsAdmin();
        hl7 = instruments.analyzerByName("IT HL7").orElseGet(() -> instruments.create(new AnalyzerSettings("IT HL7",
                "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null, 0, null, "UTF-8", true, true)));
        astm = instruments.analyzerByName("IT ASTM").orElseGet(() -> instruments.create(new AnalyzerSettings(
                "IT ASTM", "Generic", "CHEM", AnalyzerProtocol.ASTM, Transport.TCP_SERVER, null, 0, null, "UTF-8",
                true, true)));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void hl7ResultIsStoredBeforeTheAckThenFiledWithItsFlagAndReadByFhir() throws Exception {
        Specimen tube = receivedPotassiumTube();

        String ack = sendMllp(hl7, oru("IT-1", tube.accession(), "2823-3^Potassium^LN", "5.8", "mmol/L"));

        assertThat(ack).contains("MSA|AA|IT-1");
        // The AA came after the commit: the stored row is visible to anyone right now.
        RawMessage stored = instruments.recentMessages(hl7.id(), 20).stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("|IT-1|")).findFirst()
                .orElseThrow();
        assertThat(stored.peer()).contains("127.0.0.1");
        LabResult potassium = eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(potassium.valueText()).isEqualTo("5.8");
        assertThat(potassium.interpretation()).isEqualTo(Interpretation.H);
        assertThat(potassium.resultedBy()).isEqualTo("analyzer:IT HL7");
        assertThat(eventually(() -> instruments.message(stored.id()).orElseThrow(),
                m -> m.state() == MessageState.FILED).reason()).isNull();

        JsonNode bundle = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build()
                .get().uri("/fhir/Observation?specimen=Specimen/" + tube.id()).retrieve().body(JsonNode.class);
        JsonNode observation = bundle.get("entry").get(0).get("resource");
        assertThat(observation.get("status").asString()).isEqualTo("preliminary");
        assertThat(observation.get("valueQuantity").get("value").decimalValue()).isEqualByComparingTo("5.8");
        assertThat(observation.get("interpretation").get(0).get("coding").get(0).get("code").asString())
                .isEqualTo("H");
    }

    @Test
    void anAnalyzersOwnReferenceIntervalFlagsTheValuesItSendsAndNoOthers() throws Exception {
        Analyzer method = instruments.analyzerByName("IT Method").orElseGet(() -> instruments.create(
                new AnalyzerSettings("IT Method", "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null,
                        0, null, "UTF-8", true, true)));
        // This analyzer's potassium method has its own verified interval (CLSI EP28), above the lab's 3.5–5.1.
        var band = new org.springframework.util.LinkedMultiValueMap<String, String>();
        band.add("analyzer", " IT Method ");
        band.add("sex", "A");
        band.add("ageFrom", "0");
        band.add("low", "3.5");
        band.add("high", "6.0");
        band.add("reason", "interval of the IT Method potassium assay verified");
        RestClient adminForms = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                        java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                                .build()))
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build();
        assertThat(org.lavender.ItSupport.status(adminForms.post().uri("/catalog/tests/K/intervals")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED).body(band)))
                .isEqualTo(302);
        Specimen measuredByMethod = receivedPotassiumTube();
        Specimen measuredElsewhere = receivedPotassiumTube();

        assertThat(sendMllp(method, oru("IT-METHOD-1", measuredByMethod.accession(), "2823-3^Potassium^LN", "5.8",
                "mmol/L"))).contains("MSA|AA|IT-METHOD-1");
        assertThat(sendMllp(hl7, oru("IT-METHOD-2", measuredElsewhere.accession(), "2823-3^Potassium^LN", "5.8",
                "mmol/L"))).contains("MSA|AA|IT-METHOD-2");

        LabResult own = eventually(() -> potassiumOf(measuredByMethod), r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(own.interpretation()).isEqualTo(Interpretation.N);
        assertThat(own.referenceHigh()).isEqualByComparingTo("6.0");
        LabResult other = eventually(() -> potassiumOf(measuredElsewhere),
                r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(other.interpretation()).isEqualTo(Interpretation.H);
        assertThat(other.referenceHigh()).isEqualByComparingTo("5.1");
        assertThat(other.referenceIntervalId()).isNotEqualTo(own.referenceIntervalId());
    }

    @Test
    void anAnalyzerSetToSendTheAccessionInObr2IsReadThereAndNowhereElse() throws Exception {
        Analyzer placer = instruments.analyzerByName("IT OBR-2").orElseGet(() -> instruments.create(
                new AnalyzerSettings("IT OBR-2", "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null,
                        0, null, "UTF-8", true, true, false, SpecimenIdField.OBR_2)));
        assertThat(placer.specimenIdField()).isEqualTo(SpecimenIdField.OBR_2);
        assertThat(placer.describe()).contains("accession in OBR-2");
        // An ASTM field is not a field of HL7 messages.
        assertThatThrownBy(() -> instruments.update(placer.id(), placer.version(), new AnalyzerSettings("IT OBR-2",
                "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null, 0, null, "UTF-8", true, true,
                false, SpecimenIdField.O_4))).hasMessageContaining("O-4 is not a field of HL7 messages");

        Specimen tube = receivedPotassiumTube();
        // This analyzer puts its own run number in OBR-3 and SPM-2: only OBR-2 names the tube.
        String message = String.join("\r",
                "MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|20261207101500||ORU^R01^ORU_R01|IT-OBR2|P|2.5.1",
                "PID|1||PID-1",
                "OBR|1|" + tube.accession() + "|RUN-0042|2823-3^Potassium^LN|||20261207100000",
                "OBX|1|NM|2823-3^Potassium^LN||4.4|mmol/L|3.5-5.1||||F|||20261207101400",
                "SPM|1|RUN-0042||SER") + "\r";
        assertThat(sendMllp(placer, message)).contains("MSA|AA|IT-OBR2");
        assertThat(eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY).valueText())
                .isEqualTo("4.4");

        // Without OBR-2 the message is a dead letter that says where the accession was looked for.
        assertThat(sendMllp(placer, message.replace("IT-OBR2", "IT-OBR2-EMPTY")
                .replace("OBR|1|" + tube.accession() + "|", "OBR|1||"))).contains("MSA|AA|IT-OBR2-EMPTY");
        RawMessage dead = eventually(() -> instruments.recentMessages(placer.id(), 20).stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("|IT-OBR2-EMPTY|")
                        && m.state() == MessageState.ERROR).findFirst().orElse(null), m -> m != null);
        assertThat(instruments.observations(dead.id())).singleElement()
                .satisfies(o -> assertThat(o.reason()).contains("no specimen id in OBR-2, where IT OBR-2 is set"));
    }

    @Test
    void aTestSentTwiceInOneMessageEndsWithTheSecondValueAndKeepsTheFirstAsARevision() throws Exception {
        Specimen tube = receivedPotassiumTube();
        String message = oru("IT-TWICE", tube.accession(), "2823-3^Potassium^LN", "4.1", "mmol/L")
                + "OBX|2|NM|2823-3^Potassium^LN||4.3|mmol/L|3.5-5.1||||F|||20261125101430\r";

        assertThat(sendMllp(hl7, message)).contains("MSA|AA|IT-TWICE");

        RawMessage stored = byControlId("IT-TWICE");
        assertThat(eventually(() -> instruments.message(stored.id()).orElseThrow(),
                m -> m.state() == MessageState.FILED).reason()).isNull();
        LabResult potassium = potassiumOf(tube);
        assertThat(potassium.valueText()).isEqualTo("4.3");
        // Both values were filed on the same result, in message order: the first is kept as its revision.
        assertThat(instruments.observations(stored.id())).extracting(o -> o.state() + " " + o.resultId())
                .containsExactly("FILED " + potassium.id(), "FILED " + potassium.id());
        assertThat(results.revisions(potassium.id())).extracting(ResultRevision::valueText).contains("4.1");
    }

    @Test
    void aRepeatedControlIdIsAcknowledgedButNotFiledTwice() throws Exception {
        Specimen tube = receivedPotassiumTube();
        String message = oru("IT-DUP", tube.accession(), "2823-3^Potassium^LN", "4.2", "mmol/L");

        assertThat(sendMllp(hl7, message)).contains("MSA|AA|IT-DUP");
        LabResult first = eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(sendMllp(hl7, message)).contains("MSA|AA|IT-DUP");

        List<RawMessage> both = instruments.recentMessages(hl7.id(), 50).stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("|IT-DUP|")).toList();
        assertThat(both).extracting(RawMessage::state)
                .containsExactlyInAnyOrder(MessageState.FILED, MessageState.DUPLICATE);
        RawMessage duplicate = both.stream().filter(m -> m.state() == MessageState.DUPLICATE).findFirst().orElseThrow();
        assertThat(instruments.observations(duplicate.id())).isEmpty();
        assertThatThrownBy(() -> instruments.reprocess(duplicate.id())).isInstanceOf(ConflictException.class);
        Thread.sleep(300);
        assertThat(results.revisions(first.id())).isEmpty();
        assertThat(potassiumOf(tube).version()).isEqualTo(first.version());
    }

    @Test
    void garbageOversizeAndStalledSendersAreRefusedAndKeptWhileOthersAreServed() throws Exception {
        Specimen tube = receivedPotassiumTube();
        try (Socket loris = connect(hl7)) {
            // A sender that starts a message and then dribbles: it must not hold up anyone else.
            loris.getOutputStream().write(new byte[] {VT, 'M', 'S', 'H', '|'});
            loris.getOutputStream().flush();

            String garbage = sendMllp(hl7, "\u0000\u00ff binary noise, not HL7");
            assertThat(garbage).contains("MSA|AR").contains("ERR|||100^").contains("not an HL7 v2 message");

            byte[] huge = ("MSH|^~\\&|BIG|LAB|||20261125||ORU^R01|IT-BIG|P|2.5.1\r" + "NTE|1||" + "x".repeat(70_000))
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(exchange(hl7, frame(huge))).contains("MSA|AR|IT-BIG").contains("larger than 65536 bytes");

            try (Socket unframed = connect(hl7)) {
                unframed.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                unframed.getOutputStream().flush();
                Thread.sleep(600);
            }

            long started = System.nanoTime();
            String ok = sendMllp(hl7, oru("IT-OK", tube.accession(), "2823-3^Potassium^LN", "4.0", "mmol/L"));
            assertThat(ok).contains("MSA|AA|IT-OK");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            // The stalled sender is cut off once the message timeout (2 s in tests) has passed.
            loris.setSoTimeout(5_000);
            assertThat(loris.getInputStream().read()).isEqualTo(-1);
        }
        List<RawMessage> refused = instruments.deadLetters(null, 50).items().stream()
                .filter(m -> m.analyzerId() == hl7.id()).toList();
        assertThat(refused).anySatisfy(m -> {
            assertThat(m.state()).isEqualTo(MessageState.REJECTED);
            assertThat(m.reason()).contains("not an HL7 v2 message");
            assertThat(new String(m.bytes(), StandardCharsets.ISO_8859_1)).contains("binary noise");
        });
        assertThat(refused).anySatisfy(m -> assertThat(m.reason()).contains("OVERSIZE"));
        assertThat(refused).anySatisfy(m -> {
            assertThat(m.reason()).contains("outside an MLLP block");
            assertThat(new String(m.bytes(), StandardCharsets.US_ASCII)).startsWith("GET / HTTP/1.0");
        });
        assertThat(refused).anySatisfy(m -> {
            assertThat(m.reason()).contains("slow or stalled sender");
            assertThat(new String(m.bytes(), StandardCharsets.US_ASCII)).isEqualTo("MSH|");
        });
        assertThat(eventually(() -> potassiumOf(tube), r -> "4.0".equals(r.valueText())).status())
                .isEqualTo(ResultStatus.PRELIMINARY);
    }

    @Test
    void astmSessionWithTheAccessionInO3FilesItsResults() throws Exception {
        Specimen tube = receivedPotassiumTube();
        List<String> records = List.of(
                "H|\\^&|||GenericASTM^1.0|||||||P|LIS2-A2|20261125103000",
                "P|1||PID-1",
                "O|1|" + tube.accession() + "||^^^2823-3|R||||||||||SERUM",
                "R|1|^^^2823-3|6.4|mmol/L|3.5-5.1|HH||F||||20261125102900",
                "L|1|N");

        List<LinkEvent> events = sendAstm(astm, records, true);

        assertThat(events).anyMatch(e -> e instanceof LinkEvent.TransferCompleted);
        LabResult potassium = eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(potassium.valueText()).isEqualTo("6.4");
        assertThat(potassium.interpretation()).isEqualTo(Interpretation.HH);
        assertThat(potassium.resultedBy()).isEqualTo("analyzer:IT ASTM");
        // The corrupted first try of a frame was refused with NAK and kept.
        assertThat(instruments.deadLetters(null, 50).items()).anySatisfy(m -> {
            assertThat(m.analyzerId()).isEqualTo(astm.id());
            assertThat(m.reason()).contains("BAD_CHECKSUM");
        });
    }

    @Test
    void theSameAstmMessageTwiceInOneSessionIsAcknowledgedAndFiledOnce() throws Exception {
        Specimen tube = receivedPotassiumTube();
        List<String> records = List.of(
                "H|\\^&|||GenericASTM^1.0|||||||P|LIS2-A2|20261125111500",
                "P|1",
                "O|1|" + tube.accession() + "||^^^2823-3|R",
                "R|1|^^^2823-3|3.8|mmol/L||N||F||||20261125111400",
                "L|1|N");

        List<LinkEvent> events = sendAstmSession(astm, List.of(records, records), false);

        assertThat(events.stream().filter(e -> e instanceof LinkEvent.TransferCompleted)).hasSize(2);
        List<RawMessage> stored = instruments.recentMessages(astm.id(), 20).stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("20261125111500")).toList();
        assertThat(stored).extracting(RawMessage::state).contains(MessageState.DUPLICATE);
        assertThat(eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY).valueText())
                .isEqualTo("3.8");
        assertThat(stored.stream().filter(m -> m.state() != MessageState.DUPLICATE)).hasSize(1);
    }

    @Test
    void hl7HostQueriesAreStoredAndAnsweredWithTheTubesTestsOrNoDataOrTheReasonTheyCannotBe() throws Exception {
        Specimen tube = receivedPotassiumTube();

        String rsp = sendMllp(hl7, "MSH|^~\\&|ANALYZER|LAB|LAVENDER|LAB|20261125103000||QBP^Q11^QBP_Q11|IT-Q1|P|2.5.1\r"
                + "QPD|WOS^Work Order Step^IHE_LABTF|TAG-1|" + tube.accession() + "\rRCP|I||R\r");
        // Potassium in the analyzer's own code when its code map has one, else as LOINC.
        String potassium = instruments.codeMap(hl7.id()).stream().filter(m -> "K".equals(m.testCode()))
                .map(CodeMapping::instrumentCode).findFirst().orElse("2823-3^^LN");
        assertThat(rsp).contains("RSP^K11^RSP_K11").contains("MSA|AA|IT-Q1").contains("QAK|TAG-1|OK")
                .contains("SPM|1|" + tube.accession()).contains("OBR|1|" + tube.accession() + "||" + potassium + "|R");
        assertThat(eventually(() -> byControlId("IT-Q1"), m -> m.state() == MessageState.FILED).reason())
                .contains("host query for specimen " + tube.accession());

        String unknown = sendMllp(hl7, "MSH|^~\\&|ANALYZER|LAB|LAVENDER|LAB|20261125103000||QBP^Q11^QBP_Q11|IT-Q2|P"
                + "|2.5.1\rQPD|WOS^Work Order Step^IHE_LABTF|TAG-2|991231-999999\rRCP|I||R\r");
        assertThat(unknown).contains("MSA|AA|IT-Q2").contains("QAK|TAG-2|NF").doesNotContain("OBR|");

        String malformed = sendMllp(hl7, "MSH|^~\\&|ANALYZER|LAB|LAVENDER|LAB|20261125103000||QBP^Q11^QBP_Q11|IT-Q3"
                + "|P|2.5.1\rQPD|WOS^Work Order Step^IHE_LABTF|TAG-3|\r");
        assertThat(malformed).contains("MSA|AE|IT-Q3").contains("QAK|TAG-3|AE").contains("QPD-3 (specimen id) is empty");
        RawMessage refused = byControlId("IT-Q3");
        assertThat(refused.state()).isEqualTo(MessageState.REJECTED);
        assertThat(refused.reason()).contains("host query refused: QPD-3 (specimen id) is empty");

        String dsr = sendMllp(hl7, "MSH|^~\\&|BS-200|LAB|||20261125103000||QRY^Q02|IT-Q4|P|2.3.1\r"
                + "QRD|20261125103000|R|D|44|||RD|" + tube.accession() + "|OTH|||T|\rQRF|BS-200|||||RCT|COR|ALL||\r");
        assertThat(dsr).contains("DSR^Q03").contains("MSA|AA|IT-Q4").contains("QAK|44|OK")
                .contains("DSP|1||" + tube.accession())
                .contains("DSP|2||" + potassium.replace("^^LN", "") + "^^^R");
        // The analyzer's ACK of the DSR is stored and never answered (no ACK of an ACK).
        try (Socket socket = connect(hl7)) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write(frame(("MSH|^~\\&|BS-200|LAB|LAVENDER|LAB|20261125103001||ACK^Q03|IT-Q5|P"
                    + "|2.3.1\rMSA|AA|LAVQ1\r").getBytes(StandardCharsets.US_ASCII)));
            socket.getOutputStream().flush();
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(eventually(() -> byControlId("IT-Q5"), m -> m.state() == MessageState.FILED).reason())
                .contains("acknowledgment");
    }

    @Test
    void anAstmHostQueryIsAnsweredWithTheTubesPendingTestsInTheAnalyzersCodes() throws Exception {
        Specimen tube = receivedPotassiumTube();
        var link = new AstmLink(Role.INSTRUMENT, LinkConfig.strict());
        var received = new java.util.ArrayList<String>();
        try (Socket socket = connect(astm)) {
            socket.setSoTimeout(100);
            LinkOutput out = link.send(List.of("H|\\^&|||GenericASTM^1.0|||||||P|LIS2-A2|20261125103000",
                    "Q|1|^" + tube.accession() + "||ALL||||||||O", "L|1|N").stream()
                    .map(r -> r.getBytes(StandardCharsets.US_ASCII)).toList(), Instant.now());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            byte[] buffer = new byte[1024];
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                socket.getOutputStream().write(out.toSend());
                socket.getOutputStream().flush();
                for (LinkEvent e : out.events()) {
                    if (e instanceof LinkEvent.RecordReceived r) {
                        received.add(r.text(StandardCharsets.US_ASCII));
                    }
                    answered |= e instanceof LinkEvent.Terminated && !received.isEmpty();
                }
                try {
                    int n = socket.getInputStream().read(buffer);
                    out = n < 0 ? link.tick(Instant.now()) : link.receive(Arrays.copyOf(buffer, n), Instant.now());
                } catch (SocketTimeoutException e) {
                    out = link.tick(Instant.now());
                }
            }
        }
        assertThat(received).first().asString().startsWith("H|");
        assertThat(received).anySatisfy(r -> assertThat(r).startsWith("O|1|" + tube.accession() + "||^^^2823-3|R|")
                .contains("|Q"));
        assertThat(received).last().asString().startsWith("L|1|N");
    }

    @Test
    void anUnmappedCodeIsADeadLetterUntilMappedAndReprocessed() throws Exception {
        Specimen tube = receivedPotassiumTube();

        assertThat(sendMllp(hl7, oru("IT-UNMAPPED", tube.accession(), "KPLUS^Potassium^99GEN", "3.9", "mmol/L")))
                .contains("MSA|AA|IT-UNMAPPED");

        RawMessage dead = eventually(() -> instruments.deadLetters(null, 50).items().stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("|IT-UNMAPPED|")).findFirst()
                .orElse(null), m -> m != null && m.state() == MessageState.ERROR);
        assertThat(dead.reason()).contains("code 'KPLUS' is not in the code map of IT HL7");
        assertThat(instruments.unmappedCodes(hl7.id())).contains("KPLUS");
        assertThat(potassiumOf(tube).status()).isEqualTo(ResultStatus.PENDING);

        instruments.map(hl7.id(), new CodeMapping("KPLUS", "K", "mmol/L", null));
        instruments.reprocess(dead.id());

        assertThat(eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY).valueText())
                .isEqualTo("3.9");
        assertThat(eventually(() -> instruments.message(dead.id()).orElseThrow(),
                m -> m.state() == MessageState.FILED).state()).isEqualTo(MessageState.FILED);
        assertThat(instruments.unmappedCodes(hl7.id())).doesNotContain("KPLUS");
    }

    @Test
    void aResultForAnUnknownAccessionOrAnUnorderedTestIsRefusedWithTheReason() throws Exception {
        Specimen tube = receivedPotassiumTube();

        sendMllp(hl7, oru("IT-NA", tube.accession(), "2951-2^Sodium^LN", "140", "mmol/L"));
        RawMessage notOrdered = eventually(() -> byControlId("IT-NA"), m -> m.state() == MessageState.ERROR);
        assertThat(notOrdered.reason()).contains("is not ordered on " + tube.accession());

        sendMllp(hl7, oru("IT-QC", "DEMO-CHEM-1", "2823-3^Potassium^LN", "4.02", "mmol/L")
                .replace("SPM|1|", "SPM|1|DEMO-CHEM-1||SER|||||||Q|"));
        RawMessage qc = eventually(() -> byControlId("IT-QC"), m -> m.state() == MessageState.FILED);
        assertThat(instruments.observations(qc.id())).isEmpty();
    }

    @Test
    void pagesShowTheLinksTheDeadLettersAndTheRawMessage() throws Exception {
        Specimen tube = receivedPotassiumTube();
        sendMllp(hl7, oru("IT-PAGE", tube.accession(), "NAPAGE^Sodium^99GEN", "141", "mmol/L"));
        RawMessage dead = eventually(() -> byControlId("IT-PAGE"), m -> m.state() == MessageState.ERROR);
        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                        java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                                .build()))
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build();

        assertThat(admin.get().uri("/instruments").retrieve().body(String.class))
                .contains("IT HL7").contains("IT ASTM").contains("listening on");
        assertThat(admin.get().uri("/instruments/status").retrieve().body(String.class)).contains("IT HL7");
        assertThat(admin.get().uri("/instruments/" + hl7.id()).retrieve().body(String.class))
                .contains("NAPAGE").contains("map it");
        assertThat(admin.get().uri("/instruments/dead-letters").retrieve().body(String.class))
                .contains("NAPAGE").contains("Reprocess");
        assertThat(admin.get().uri("/instruments/messages/" + dead.id()).retrieve().body(String.class))
                .contains("IT-PAGE").contains("&lt;CR&gt;").contains("is not in the code map");
        assertThat(admin.post().uri("/instruments/" + hl7.id() + "/map").contentType(
                        org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .body("instrumentCode=NAPAGE&testCode=2951-2&unit=mmol/L&reprocess=true").retrieve().toBodilessEntity()
                .getStatusCode().is3xxRedirection()).isTrue();
        assertThat(instruments.codeMap(hl7.id())).contains(new CodeMapping("NAPAGE", "NA", "mmol/L", null));
        // Mapped and reprocessed at once: now the results module refuses it (sodium is not ordered on this tube).
        assertThat(eventually(() -> instruments.message(dead.id()).orElseThrow(),
                m -> m.reason() != null && m.reason().contains("not ordered")).state()).isEqualTo(MessageState.ERROR);
    }

    private RawMessage byControlId(String controlId) {
        return instruments.recentMessages(hl7.id(), 100).stream()
                .filter(m -> new String(m.bytes(), StandardCharsets.UTF_8).contains("|" + controlId + "|"))
                .findFirst().orElseThrow();
    }

    private Specimen receivedPotassiumTube() {
        return tubes().received("Analyzer", "Ada");
    }

    private LabResult potassiumOf(Specimen tube) {
        return tubes().potassiumOf(tube);
    }

    private PotassiumTubes tubes() {
        return new PotassiumTubes(patients, orders, specimens, results);
    }

    private static String oru(String controlId, String accession, String obx3, String value, String unit) {
        return String.join("\r",
                "MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|20261125101500||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||PID-1",
                "OBR|1||" + accession + "|2823-3^Potassium^LN|||20261125100000",
                "OBX|1|NM|" + obx3 + "||" + value + "|" + unit + "|3.5-5.1||||F|||20261125101400",
                "SPM|1|" + accession + "||SER") + "\r";
    }

    private Socket connect(Analyzer analyzer) throws IOException {
        Integer bound = eventually(() -> instruments.status().stream()
                .filter(s -> s.analyzer().id() == analyzer.id()).findFirst().orElseThrow().boundPort(),
                p -> p != null);
        Socket socket = new Socket("127.0.0.1", bound);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private String sendMllp(Analyzer analyzer, String message) throws IOException {
        return exchange(analyzer, frame(message.getBytes(StandardCharsets.UTF_8)));
    }

    private String exchange(Analyzer analyzer, byte[] framed) throws IOException {
        try (Socket socket = connect(analyzer)) {
            socket.getOutputStream().write(framed);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            var reply = new ByteArrayOutputStream();
            int previous = -1;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (previous == FS && b == CR) {
                    break;
                }
                if (b != VT && b != FS) {
                    reply.write(b);
                }
                previous = b;
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = VT;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = FS;
        framed[framed.length - 1] = CR;
        return framed;
    }

    /** Plays the instrument side of LIS1-A; optionally corrupts the checksum of the first frame once. */
    private List<LinkEvent> sendAstm(Analyzer analyzer, List<String> records, boolean corruptFirstFrame)
            throws IOException {
        return sendAstmSession(analyzer, List.of(records), corruptFirstFrame);
    }

    /** Sends the messages as consecutive transfers over one connection (one LIS1-A session). */
    private List<LinkEvent> sendAstmSession(Analyzer analyzer, List<List<String>> messages, boolean corruptFirstFrame)
            throws IOException {
        var sender = new AstmSender(Role.INSTRUMENT, LinkConfig.strict());
        var events = new java.util.ArrayList<LinkEvent>();
        boolean corrupt = corruptFirstFrame;
        try (Socket socket = connect(analyzer)) {
            socket.setSoTimeout(200);
            LinkOutput out = sender.send(messages.get(0).stream().map(r -> r.getBytes(StandardCharsets.UTF_8))
                    .toList(), Instant.now());
            for (List<String> records : messages.subList(1, messages.size())) {
                // Queued behind the first: it bids for the line once the first transfer has ended.
                assertThat(sender.send(records.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList(),
                        Instant.now()).toSend()).isEmpty();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            byte[] buffer = new byte[1024];
            while (System.nanoTime() < deadline) {
                byte[] toSend = out.toSend();
                if (corrupt && toSend.length > 5 && toSend[0] == 0x02) {
                    toSend = Arrays.copyOf(toSend, toSend.length);
                    toSend[toSend.length - 3] = (byte) (toSend[toSend.length - 3] == '0' ? '1' : '0');
                    corrupt = false;
                }
                socket.getOutputStream().write(toSend);
                socket.getOutputStream().flush();
                events.addAll(out.events());
                if (events.stream().filter(e -> e instanceof LinkEvent.TransferCompleted).count() == messages.size()) {
                    return events;
                }
                try {
                    int n = socket.getInputStream().read(buffer);
                    if (n < 0) {
                        break;
                    }
                    out = sender.receive(Arrays.copyOf(buffer, n), Instant.now());
                } catch (SocketTimeoutException e) {
                    out = sender.tick(Instant.now());
                }
            }
        }
        return events;
    }
}
