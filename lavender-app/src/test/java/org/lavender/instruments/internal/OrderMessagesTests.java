package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v251.message.OML_O21;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.SPM;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.patients.Patient;
import org.lavender.shared.Sex;

class OrderMessagesTests {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 25, 10, 15, 0);

    private final Patient hostile = new Patient(7, "MRN|7", "O'Brien|X^Y~Z\\W&V", "Ann\rMSH|^~\\&|EVIL",
            LocalDate.of(1970, 5, 1), Sex.FEMALE, null, List.of(), 0);

    @Test
    void omlCarriesTheAnalyzersCodesAndTheAccessionInSpm2() throws Exception {
        var tube = new OrderMessages.Tube("261125-000042", "SER", "S", List.of(
                new Hl7QueryReply.TestCode("K+", false), new Hl7QueryReply.TestCode("2951-2", true)));

        String text = OrderMessages.oml("Cobas c311", "LAVO1", NOW, hostile, tube);
        OML_O21 oml = parse(text);

        assertThat(oml.getMSH().getMessageType().encode()).isEqualTo("OML^O21^OML_O21");
        assertThat(oml.getMSH().getMessageControlID().getValue()).isEqualTo("LAVO1");
        assertThat(oml.getMSH().getVersionID().getVersionID().getValue()).isEqualTo("2.5.1");
        assertThat(oml.getORDERReps()).isEqualTo(2);
        OBR first = oml.getORDER(0).getOBSERVATION_REQUEST().getOBR();
        OBR second = oml.getORDER(1).getOBSERVATION_REQUEST().getOBR();
        assertThat(oml.getORDER(0).getORC().getOrderControl().getValue()).isEqualTo("NW");
        assertThat(first.getUniversalServiceIdentifier().getIdentifier().getValue()).isEqualTo("K+");
        assertThat(first.getUniversalServiceIdentifier().getNameOfCodingSystem().getValue()).isNull();
        assertThat(second.getUniversalServiceIdentifier().getIdentifier().getValue()).isEqualTo("2951-2");
        assertThat(second.getUniversalServiceIdentifier().getNameOfCodingSystem().getValue()).isEqualTo("LN");
        SPM spm = oml.getORDER(1).getOBSERVATION_REQUEST().getSPECIMEN(0).getSPM();
        assertThat(spm.getSpecimenID().getPlacerAssignedIdentifier().getEntityIdentifier().getValue())
                .isEqualTo("261125-000042");
        assertThat(spm.getSpecimenType().getIdentifier().getValue()).isEqualTo("SER");
    }

    @Test
    void hl7DelimitersInPatientNamesAreEscapedNotObeyed() throws Exception {
        var tube = new OrderMessages.Tube("261125-000042", "SER", "R",
                List.of(new Hl7QueryReply.TestCode("K+", false)));

        String text = OrderMessages.oml("Cobas c311", "LAVO2", NOW, hostile, tube);

        // MSH, PID, ORC, OBR, SPM: the carriage return in the given name did not open a segment.
        assertThat(text.split("\r")).hasSize(5);
        PID pid = parse(text).getPATIENT().getPID();
        assertThat(pid.getPatientName(0).getFamilyName().getSurname().getValue()).isEqualTo("O'Brien|X^Y~Z\\W&V");
        assertThat(pid.getPatientName(0).getGivenName().getValue()).isEqualTo("AnnMSH|^~\\&|EVIL");
        assertThat(pid.getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo("MRN|7");
        assertThat(pid.getDateTimeOfBirth().getTime().getValue()).isEqualTo("19700501");
        assertThat(pid.getAdministrativeSex().getValue()).isEqualTo("F");
    }

    @Test
    void ormForOlderAnalyzersCarriesTheSameWorkWithTheSpecimenSourceInObr15() throws Exception {
        var tube = new OrderMessages.Tube("261125-000042", "SER", "S", List.of(
                new Hl7QueryReply.TestCode("K+", false), new Hl7QueryReply.TestCode("2951-2", true)));

        String text = OrderMessages.orm("Old analyzer", "LAVO3", NOW, hostile, tube);
        ORM_O01 orm = (ORM_O01) parser().parse(text);

        assertThat(orm.getMSH().getMessageType().encode()).isEqualTo("ORM^O01");
        assertThat(orm.getMSH().getVersionID().getVersionID().getValue()).isEqualTo("2.3.1");
        assertThat(orm.getMSH().getMessageControlID().getValue()).isEqualTo("LAVO3");
        assertThat(orm.getORDERReps()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(orm.getORDER(i).getORC().getOrderControl().getValue()).isEqualTo("NW");
            OBR obr = orm.getORDER(i).getORDER_DETAIL().getOBR();
            assertThat(obr.getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo("261125-000042");
            assertThat(obr.getSpecimenSource().getSpecimenSourceNameOrCode().getIdentifier().getValue())
                    .isEqualTo("SER");
        }
        assertThat(orm.getORDER(1).getORDER_DETAIL().getOBR().getUniversalServiceIdentifier().encode())
                .isEqualTo("2951-2^^LN");
        // The patient's name is escaped here as in OML: MSH, PID, then ORC and OBR per test, nothing more.
        assertThat(text.split("\r")).hasSize(6);
        assertThat(orm.getPATIENT().getPID().getPatientName(0).getGivenName().getValue())
                .isEqualTo("AnnMSH|^~\\&|EVIL");
    }

    @Test
    void astmOrderDownloadHasOneOrderRecordWithTheAccessionAndCodes() {
        var tube = new OrderMessages.Tube("261125-000042", "SER", "S", List.of(
                new Hl7QueryReply.TestCode("K+", false), new Hl7QueryReply.TestCode("NA", false)));

        List<String> records = OrderMessages.astm("c311", NOW, hostile, tube);

        assertThat(records).hasSize(4);
        assertThat(records.get(0)).startsWith("H|");
        assertThat(records.get(1)).startsWith("P|1|");
        assertThat(records.get(2)).startsWith("O|1|261125-000042||^^^K+\\^^^NA|S|");
        assertThat(records.get(3)).isEqualTo("L|1|N");
    }

    @Test
    void acknowledgmentsAreReadFromMsaAndErr() {
        Hl7Ack aa = Hl7Ack.read("MSH|^~\\&|C311|LAB|LAVENDER|LAB|20261125||ACK^O21|9|P|2.5.1\rMSA|AA|LAVO1\r");
        Hl7Ack ae = Hl7Ack.read("MSH|^~\\&|C311|LAB|LAVENDER|LAB|20261125||ACK^O21|9|P|2.5.1\rMSA|AE|LAVO1\r"
                + "ERR|||103^Table value not found^HL70357|E||||Unknown test K+\r");
        Hl7Ack ar = Hl7Ack.read("MSH|^~\\&|C311|LAB|LAVENDER|LAB|20261125||ACK^O21|9|P|2.5.1\rMSA|AR|LAVO1|busy\r");

        assertThat(aa.accepted()).isTrue();
        assertThat(aa.controlId()).isEqualTo("LAVO1");
        assertThat(ae.refused()).isTrue();
        assertThat(ae.reason()).isEqualTo("Unknown test K+");
        assertThat(ar.refused()).isTrue();
        assertThat(ar.reason()).isEqualTo("busy");
        assertThat(Hl7Ack.read("garbage").code()).isNull();
    }

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheCap() {
        var settings = new PushSettings(Duration.ofSeconds(5), Duration.ofMinutes(5), 10, null, null);

        assertThat(List.of(1, 2, 3, 4, 7, 8, 30).stream().map(settings::backoffAfter).toList()).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    // Non-greedy: an ORC after an SPM opens the next ORDER group rather than the optional PRIOR_RESULT/ORDER_PRIOR
    // nested in the first one, which a greedy parser would reach first.
    private static OML_O21 parse(String text) throws Exception {
        return (OML_O21) parser().parse(text);
    }

    private static ca.uhn.hl7v2.parser.PipeParser parser() {
        HapiContext context = new DefaultHapiContext();
        context.getParserConfiguration().setNonGreedyMode(true);
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        return context.getPipeParser();
    }
}
