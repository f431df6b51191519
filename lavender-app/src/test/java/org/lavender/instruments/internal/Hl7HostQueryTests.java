package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class Hl7HostQueryTests {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 10, 30);
    private static final String QBP = "MSH|^~\\&|ANALYZER|LAB|LAVENDER|LAB|20261125103000||QBP^Q11^QBP_Q11|Q-1|P|2.5.1\r"
            + "QPD|WOS^Work Order Step^IHE_LABTF|TAG-7|261125-000011^^^|\r"
            + "RCP|I||R\r";
    private static final String QRY = "MSH|^~\\&|BS-200|LAB|||20261125103000||QRY^Q02|7|P|2.3.1\r"
            + "QRD|20261125103000|R|D|42|||RD|261125-000011|OTH|||T|\r"
            + "QRF|BS-200|||||RCT|COR|ALL||\r";

    private static Hl7HostQuery usable(String text) {
        Hl7HostQuery.Read read = Hl7HostQuery.read(text, Hl7HostQuery.kindOf(MshFields.read(text)));
        assertThat(read).isInstanceOf(Hl7HostQuery.Usable.class);
        return ((Hl7HostQuery.Usable) read).query();
    }

    private static Hl7HostQuery.Malformed malformed(String text) {
        Hl7HostQuery.Read read = Hl7HostQuery.read(text, Hl7HostQuery.kindOf(MshFields.read(text)));
        assertThat(read).isInstanceOf(Hl7HostQuery.Malformed.class);
        return (Hl7HostQuery.Malformed) read;
    }

    @Test
    void qbpQ11CarriesTheSpecimenInQpd3AndTheTagInQpd2() {
        Hl7HostQuery q = usable(QBP);
        assertThat(q.kind()).isEqualTo(Hl7HostQuery.Kind.QBP_Q11);
        assertThat(q.specimenId()).isEqualTo("261125-000011");
        assertThat(q.queryTag()).isEqualTo("TAG-7");
        assertThat(q.queryName()).isEqualTo("WOS");
    }

    @Test
    void qryQ02CarriesTheBarcodeInQrd8AndTheQueryIdInQrd4() {
        Hl7HostQuery q = usable(QRY);
        assertThat(q.kind()).isEqualTo(Hl7HostQuery.Kind.QRY_Q02);
        assertThat(q.specimenId()).isEqualTo("261125-000011");
        assertThat(q.queryTag()).isEqualTo("42");
        assertThat(q.filterSegment()).startsWith("QRF|BS-200");
    }

    @Test
    void otherMessageTypesAreNoHostQueries() {
        assertThat(Hl7HostQuery.kindOf(MshFields.read("MSH|^~\\&|A|B|||2026||ORU^R01|1|P|2.5.1\r"))).isNull();
        assertThat(Hl7HostQuery.kindOf(MshFields.read("MSH|^~\\&|A|B|||2026||QBP^Q22|1|P|2.5.1\r"))).isNull();
    }

    @Test
    void malformedQueriesSayWhatIsMissing() {
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11^QBP_Q11|Q-2|P|2.5.1\rRCP|I\r").reason())
                .isEqualTo("QBP^Q11 without a QPD segment");
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11^QBP_Q11|Q-3|P|2.5.1\rQPD|WOS|T1|\r").reason())
                .isEqualTo("QPD-3 (specimen id) is empty");
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11^QBP_Q11|Q-4|P|2.5.1\rQPD|WOS_ALL|T1\r").reason())
                .contains("WOS_ALL");
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QRY^Q02|5|P|2.3.1\rQRD|2026|R|D|1|||RD||OTH\r").reason())
                .isEqualTo("QRD-8 (specimen id) is empty");
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11|Q-5|P|2.5.1\rQPD|WOS|T|" + "9".repeat(65) + "\r")
                .reason()).contains("not a plausible specimen id");
        assertThat(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11|Q-6|P|2.5.1\rQPD|WOS|T|26\u0000\u0007\r").reason())
                .contains("not a plausible specimen id");
    }

    @Test
    void rspK11ListsTheWorkInTheAnalyzersCodesAndEchoesTheQuery() {
        var work = new Hl7QueryReply.Work("261125-000011", "17", "S",
                List.of(new Hl7QueryReply.TestCode("2823-3", true), new Hl7QueryReply.TestCode("NA+", false)));
        String reply = Hl7QueryReply.answer(usable(QBP), Optional.of(work), "LAVQ1", NOW);
        assertThat(reply.split("\r")).containsExactly(
                "MSH|^~\\&|LAVENDER|LAB|ANALYZER|LAB|20261125103000||RSP^K11^RSP_K11|LAVQ1|P|2.5.1",
                "MSA|AA|Q-1",
                "QAK|TAG-7|OK|WOS",
                "QPD|WOS^Work Order Step^IHE_LABTF|TAG-7|261125-000011^^^|",
                "PID|1||17",
                "SPM|1|261125-000011",
                "ORC|NW|261125-000011",
                "OBR|1|261125-000011||2823-3^^LN|S",
                "ORC|NW|261125-000011",
                "OBR|2|261125-000011||NA+|S");
    }

    @Test
    void anUnknownSpecimenIsNoDataFound() {
        String reply = Hl7QueryReply.answer(usable(QBP), Optional.empty(), "LAVQ2", NOW);
        assertThat(reply).contains("MSA|AA|Q-1\rQAK|TAG-7|NF|WOS\rQPD|").doesNotContain("OBR|").doesNotContain("PID|");
        String dsr = Hl7QueryReply.answer(usable(QRY), Optional.empty(), "LAVQ3", NOW);
        assertThat(dsr).contains("DSR^Q03").contains("QAK|42|NF").doesNotContain("DSP|");
    }

    @Test
    void dsrQ03AnswersTheOlderStyleWithDisplayLines() {
        var work = new Hl7QueryReply.Work("261125-000011", "17", "R",
                List.of(new Hl7QueryReply.TestCode("K", false), new Hl7QueryReply.TestCode("N|A", false)));
        String reply = Hl7QueryReply.answer(usable(QRY), Optional.of(work), "LAVQ4", NOW);
        assertThat(reply.split("\r")).containsExactly(
                "MSH|^~\\&|LAVENDER|LAB|BS-200|LAB|20261125103000||DSR^Q03|LAVQ4|P|2.3.1",
                "MSA|AA|7",
                "QAK|42|OK",
                "QRD|20261125103000|R|D|42|||RD|261125-000011|OTH|||T|",
                "QRF|BS-200|||||RCT|COR|ALL||",
                "DSP|1||261125-000011",
                "DSP|2||K^^^R",
                "DSP|3||N\\F\\A^^^R");
    }

    @Test
    void aRefusalIsAeWithTheReasonInErr() {
        String reply = Hl7QueryReply.refuse(malformed("MSH|^~\\&|A|L|||2026||QBP^Q11^QBP_Q11|Q-3|P|2.5.1\r"
                + "QPD|WOS|T1|\r"), "LAVQ5", NOW);
        assertThat(reply).contains("RSP^K11^RSP_K11").contains("MSA|AE|Q-3")
                .contains("ERR|||101^Required field missing^HL70357|E||||QPD-3 (specimen id) is empty")
                .contains("QAK|T1|AE").contains("QPD|WOS|T1|");
    }

    @Test
    void hostileFieldsCannotBreakTheReplyApart() {
        String hostile = "MSH|^~\\&|EV\u000bIL|LAB|||2026||QBP^Q11|Q\u001c7|P|2.5.1\r"
                + "QPD|WOS\u0000|T&G\u001c~1|261125-000011|\r";
        Hl7HostQuery query = usable(hostile);
        assertThat(query.queryTag()).isEqualTo("T&G\u001c~1");
        String reply = Hl7QueryReply.answer(query, Optional.empty(), "LAVQ6", NOW);
        assertThat(reply).doesNotContain("\u000b").doesNotContain("\u001c").doesNotContain("\u0000")
                .doesNotContain("\n").contains("QAK|T\\T\\G\\R\\1|NF").contains("MSA|AA|Q7");
        assertThat(reply.split("\r")).allSatisfy(segment -> assertThat(segment).matches("[A-Z][A-Z0-9]{2}\\|.*"));
    }

    @Property(tries = 300)
    void anyTextAfterAQueryHeaderIsReadOrRefusedNeverThrown(@ForAll String body) {
        String text = "MSH|^~\\&|A|L|||2026||QBP^Q11^QBP_Q11|Q-9|P|2.5.1\r" + body;
        Hl7HostQuery.Read read = Hl7HostQuery.read(text, Hl7HostQuery.Kind.QBP_Q11);
        String reply = read instanceof Hl7HostQuery.Usable u
                ? Hl7QueryReply.answer(u.query(), Optional.empty(), "LAVQ7", NOW)
                : Hl7QueryReply.refuse((Hl7HostQuery.Malformed) read, "LAVQ7", NOW);
        assertThat(reply).startsWith("MSH|").doesNotContain("\u000b").doesNotContain("\u001c");
    }
}
