package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderDownloadTests {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 8, 30, 0);
    private final AstmMessageParser parser = new AstmMessageParser(StandardCharsets.UTF_8);

    @Test
    void buildsHeaderPatientOrderAndTerminator() {
        List<String> records = new OrderDownload(Delimiters.STANDARD, "Lavender", "c111", NOW)
                .patient(new OrderDownload.Patient("MRN-1", "O|Brien", "Ann", LocalDate.of(1980, 2, 29), "F"))
                .order(new OrderDownload.Order("261125-000001",
                        List.of(UniversalTestId.local("GLU"), UniversalTestId.local("K")), "S", "N"))
                .records();

        assertThat(records).containsExactly(
                "H|\\^&|||Lavender|||||c111||P|LIS2-A2|20261125083000",
                "P|1|MRN-1|||O&F&Brien^Ann||19800229|F",
                "O|1|261125-000001||^^^GLU\\^^^K|S|20261125083000|||||N||||||||||||||O",
                "L|1|N");
        AstmMessage parsed = parser.parseText(records).get(0);
        assertThat(parsed.patients().get(0).record().orElseThrow().lastName()).isEqualTo("O|Brien");
        OrderRecord order = parsed.orders().get(0).record().orElseThrow();
        assertThat(order.specimenId()).isEqualTo("261125-000001");
        assertThat(order.tests()).extracting(UniversalTestId::code).containsExactly("GLU", "K");
        assertThat(order.priority()).isEqualTo("S");
    }

    @Test
    void answersAHostQueryWithTheOrdersForTheSpecimen() {
        QueryRecord query = parser.parseText(List.of("H|\\^&||PASSWORD|DPC", "Q|1|^123ABC||ALL||||||||O", "L|1"))
                .get(0).queries().get(0);

        List<String> reply = QueryReply.answer(query, "Lavender", "DPC", NOW, Optional.empty(),
                List.of(new OrderDownload.Order(query.specimenId(), List.of(UniversalTestId.local("TSH")), "R", "N")));

        OrderRecord order = parser.parseText(reply).get(0).orders().get(0).record().orElseThrow();
        assertThat(order.specimenId()).isEqualTo("123ABC");
        assertThat(order.reportType()).isEqualTo("Q");
        assertThat(reply).last().isEqualTo("L|1|N");
    }

    @Test
    void answersNoInformationWhenTheSpecimenIsUnknown() {
        QueryRecord query = parser.parseText(List.of("H|\\^&", "Q|1|^UNKNOWN||ALL", "L|1")).get(0).queries().get(0);

        List<String> reply = QueryReply.answer(query, "Lavender", "DPC", NOW, Optional.empty(), List.of());

        assertThat(reply).hasSize(2).last().isEqualTo("L|1|I");
    }

    @Test
    void recordsGoOutThroughTheSenderInFrames() {
        List<String> records = new OrderDownload(Delimiters.STANDARD, "Lavender", "c111", NOW)
                .patient(new OrderDownload.Patient("MRN-1", "Doe", "Jane", null, "F"))
                .order(new OrderDownload.Order("S1", List.of(UniversalTestId.local("GLU")), "R", "N")).records();
        AstmSender sender = new AstmSender(Role.COMPUTER, LinkConfig.strict());
        java.time.Instant t = java.time.Instant.EPOCH;
        sender.send(records.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList(), t);
        AstmReceiver receiver = new AstmReceiver(LinkConfig.strict());

        byte[] toReceiver = Wire.of("<ENQ>");
        List<String> received = new java.util.ArrayList<>();
        while (toReceiver.length > 0) {
            LinkOutput atReceiver = receiver.receive(toReceiver, t);
            received.addAll(AstmReceiverTests.records(atReceiver));
            toReceiver = sender.receive(atReceiver.toSend(), t).toSend();
        }

        assertThat(received).isEqualTo(records);
    }
}
