package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.protocols.Fixtures;

class AstmMessageParserTests {

    private static AstmMessage fixture(String name, Charset charset) {
        List<AstmMessage> messages = new AstmMessageParser(charset).parse(AstmCapture.read(Fixtures.bytes("astm", name)).records());
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    @Test
    void resultsCarryTestIdValueFlagsStatusAndTimes() {
        AstmMessage message = fixture("beckman-access2-hcg-framed.astm", StandardCharsets.US_ASCII);
        ResultRecord result = message.results().get(0);

        assertThat(message.header().senderName()).isEqualTo("ACCESS");
        assertThat(message.orders().get(0).record().orElseThrow().specimenId()).isEqualTo("25020053");
        assertThat(result.testId().code()).isEqualTo("HCG5");
        assertThat(result.value().number()).contains(new BigDecimal("108.66"));
        assertThat(result.units()).isEqualTo("mIU/mL");
        assertThat(result.abnormalFlags()).containsExactly("N");
        assertThat(result.isAbnormal()).isFalse();
        assertThat(result.resultStatus()).contains(ResultStatus.FINAL);
        assertThat(result.completedAt()).contains(LocalDateTime.of(2025, 7, 1, 18, 26, 26));
        assertThat(result.instrument()).isEqualTo("575707");
        assertThat(message.terminator().orElseThrow().terminationCode()).isEqualTo("F");
    }

    @Test
    void commentsBelongToTheRecordBeforeThem() {
        AstmMessage message = fixture("horiba-pentraxlr-cbc-framed.astm", StandardCharsets.US_ASCII);
        AstmMessage.Order order = message.orders().get(0);

        assertThat(order.results().get(0).comments()).extracting(c -> c.text().get(0))
                .containsExactly("Alarm_WBC", "LARGE IMMATURE CELL");
        ResultRecord monocytes = order.results().get(3).record();
        assertThat(monocytes.abnormalFlags()).containsExactly("L");
        assertThat(monocytes.isAbnormal()).isTrue();
        assertThat(monocytes.resultStatus()).contains(ResultStatus.WARNING);
        assertThat(monocytes.testId().universalId()).isEmpty();
        assertThat(monocytes.testId().local()).containsExactly("MON#", "742-7", "1");
        assertThat(order.record().orElseThrow().specimenId()).isEqualTo("S1234");
        assertThat(order.record().orElseThrow().collectedAt()).contains(LocalDateTime.of(2022, 5, 27, 0, 0));
    }

    @Test
    void startedTimestampInR12() {
        ResultRecord first = fixture("biorad-ih1000-bloodgroup-comments.astm", StandardCharsets.US_ASCII).results().get(0);

        assertThat(first.startedAt()).contains(LocalDateTime.of(2022, 3, 11, 11, 41, 3));
        assertThat(first.operator()).isEqualTo("lalina^");
        assertThat(first.value().number()).contains(new BigDecimal("40"));
    }

    @Test
    void nonStandardDelimitersSplitComponentsAndValues() {
        AstmMessage message = fixture("cepheid-genexpert-mtbrif-nonstd-delimiters.astm", StandardCharsets.US_ASCII);
        ResultRecord ct = message.results().stream().filter(r -> r.raw().field(3).equals("^MTB-RIF^^Xpert^^^rpoB1^Ct"))
                .findFirst().orElseThrow();

        assertThat(ct.value().number()).contains(new BigDecimal("0.0"));
        assertThat(ct.testId().name()).isEqualTo("MTB-RIF");
        assertThat(message.results().get(0).value().text()).isEqualTo("NOT DETECTED");
    }

    @Test
    void escapeSequencesInResultValuesAreResolved() {
        AstmMessage message = fixture("sysmex-xn550-cbc-singleframe.astm", StandardCharsets.US_ASCII);
        ResultRecord image = message.results().stream().filter(r -> r.testId().code().equals("DIST_PLT"))
                .findFirst().orElseThrow();

        assertThat(image.value().text()).isEqualTo("PNG\\20240628\\2024_06_27_13_54_27_PLT.PNG");
        assertThat(message.header().senderName()).isEqualTo("XN-550");
    }

    @Test
    void commaDecimalsAndCensoredValuesFromEuroimmun() {
        List<ResultRecord> results = fixture("euroimmun-analyzer1-sarscov2-multipatient-commadecimal.astm",
                StandardCharsets.US_ASCII).results();

        assertThat(results.get(0).value().comparator()).contains(ResultValue.Comparator.GREATER_THAN);
        assertThat(results.get(1).value().number()).contains(new BigDecimal("7.41"));
    }

    @Test
    void decodeCharsetIsConfigurable() {
        PatientRecord cp1252 = fixture("ortho-vision-abo-cp1252.astm", Charset.forName("windows-1252"))
                .patients().get(0).record().orElseThrow();
        PatientRecord utf8 = fixture("ortho-vision-abo-utf8.astm", StandardCharsets.UTF_8)
                .patients().get(0).record().orElseThrow();

        assertThat(cp1252.lastName()).isEqualTo("\u0160C\u017d\u00d0");
        assertThat(utf8.lastName()).isEqualTo("\u0160\u0106\u017d\u0110");
        assertThat(utf8.firstName()).isEqualTo("Bobby");
        assertThat(utf8.birthDate()).contains(LocalDate.of(1965, 1, 2));
    }

    @Test
    void hostQueryIsReadFromTheQRecord() {
        AstmMessage message = fixture("siemens-immulite-hostquery-q-record.astm", StandardCharsets.US_ASCII);
        QueryRecord query = message.queries().get(0);

        assertThat(query.specimenId()).isEqualTo("123ABC");
        assertThat(query.asksForAllTests()).isTrue();
        assertThat(query.statusCode()).isEqualTo("O");
        assertThat(message.header().senderName()).isEqualTo("DPC");
    }

    @Test
    void qualityControlMessagesAreMarked() {
        assertThat(fixture("horiba-yumizenh500-qc-framed.astm", StandardCharsets.US_ASCII).header().isQualityControl())
                .isTrue();
    }

    @Test
    void threeSessionsGiveThreeMessages() {
        List<AstmMessage> messages = new AstmMessageParser(StandardCharsets.US_ASCII).parse(
                AstmCapture.read(Fixtures.bytes("astm", "snibe-maglumi-thyroid-nofn-nochecksum.astm")).records());

        assertThat(messages).extracting(m -> m.orders().get(0).record().orElseThrow().specimenId())
                .containsExactly("25059232", "25059649", "25061215");
        assertThat(messages.get(0).orders().get(0).record().orElseThrow().tests()).extracting(UniversalTestId::code)
                .containsExactly("TT3 II", "TT4 II", "TSH II");
    }

    @Test
    void resultsWithoutPatientOrOrderStillGroup() {
        AstmMessage message = new AstmMessageParser(StandardCharsets.US_ASCII)
                .parseText(List.of("H|\\^&", "R|1|^^^K|4.1|mmol/L", "C|1|I|hemolysed|G", "L|1|N")).get(0);

        assertThat(message.patients().get(0).record()).isEmpty();
        assertThat(message.orders().get(0).results().get(0).comments()).hasSize(1);
    }

    @Test
    void recordsBeforeTheHeaderAreATypedError() {
        AstmMessageParser parser = new AstmMessageParser(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> parser.parseText(List.of("P|1", "H|\\^&"))).isInstanceOf(AstmProtocolException.class);
        assertThatThrownBy(() -> parser.parseText(List.of("H|xyz|"))).isInstanceOf(AstmProtocolException.class);
        assertThatThrownBy(() -> parser.parseText(List.of("H|\\^&", "|1|"))).isInstanceOf(AstmProtocolException.class);
    }

    @Test
    void timestampsAcceptShortFormsAndRejectNonsense() {
        assertThat(AstmDateTimes.parse("20250701")).contains(LocalDateTime.of(2025, 7, 1, 0, 0));
        assertThat(AstmDateTimes.parse("202205270000")).contains(LocalDateTime.of(2022, 5, 27, 0, 0));
        assertThat(AstmDateTimes.parse("20251301120000")).isEmpty();
        assertThat(AstmDateTimes.parse("yesterday")).isEmpty();
    }
}
