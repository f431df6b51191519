package org.lavender.instruments.internal;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.EIP;
import ca.uhn.hl7v2.model.v251.datatype.IS;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_SPECIMEN;
import ca.uhn.hl7v2.model.v251.group.OUL_R22_ORDER;
import ca.uhn.hl7v2.model.v251.group.OUL_R22_RESULT;
import ca.uhn.hl7v2.model.v251.group.OUL_R22_SPECIMEN;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.message.ESU_U01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.message.OUL_R22;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.SPM;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import org.lavender.instruments.SpecimenIdField;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HL7 v2 for analyzers, through HAPI: every version from 2.3.1 to 2.6 is read into the 2.5.1 model (validation
 * off, as on any hot path), results are taken from ORU^R01 and OUL^R22, and acknowledgments are built in original
 * mode (MSA-1 AA, or AE/AR with an ERR segment saying why).
 */
final class Hl7Codec {

    /** The outcome of parsing: a usable message, or why not with the acknowledgment code it deserves. */
    sealed interface Parsed {
        MshFields msh();
    }

    record ParsedOk(Message message, MshFields msh) implements Parsed {
    }

    record ParseFailed(MshFields msh, AcknowledgmentCode code, ErrorCode error, String reason) implements Parsed {
    }

    /** A host query (QBP^Q11, QRY^Q02), read without the HAPI model; answered with the work for the tube. */
    record ParsedQuery(Hl7HostQuery.Read query) implements Parsed {
        @Override
        public MshFields msh() {
            return query.msh();
        }
    }

    private final PipeParser parser;
    private final ZoneId zone;

    Hl7Codec(ZoneId zone) {
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        // No validation rules are set, so HAPI's walk over every field to apply none is skipped too.
        context.getParserConfiguration().setValidating(false);
        this.parser = context.getPipeParser();
        this.zone = zone;
    }

    Parsed parse(String text) {
        MshFields msh = MshFields.read(text);
        if (!msh.present()) {
            return new ParseFailed(msh, AcknowledgmentCode.AR, ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    "not an HL7 v2 message: it does not start with an MSH segment");
        }
        Hl7HostQuery.Kind query = Hl7HostQuery.kindOf(msh);
        if (query != null) {
            return new ParsedQuery(Hl7HostQuery.read(text, query));
        }
        try {
            Message message = parser.parse(text.replace("\r\n", "\r").replace('\n', '\r'));
            if (!(message instanceof ORU_R01 || message instanceof OUL_R22 || message instanceof ESU_U01
                    || message instanceof ACK)) {
                return new ParseFailed(msh, AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                        "message type " + msh.messageType() + " is not accepted from analyzers (ORU^R01, OUL^R22,"
                                + " ESU^U01, QBP^Q11, QRY^Q02 and ACK are)");
            }
            return new ParsedOk(message, msh);
        } catch (HL7Exception | RuntimeException e) {
            return new ParseFailed(msh, AcknowledgmentCode.AE, ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "unreadable " + (msh.messageType().isEmpty() ? "message" : msh.messageType()) + ": "
                            + e.getMessage());
        }
    }

    /** MSA-1 AA for a stored message. */
    String accept(Message message) {
        try {
            return message.generateACK().encode();
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("Cannot build the HL7 acknowledgment", e);
        }
    }

    /**
     * MSA-1 AE or AR with an ERR segment (ERR-3 HL7 error code from table 0357, ERR-4 severity E, ERR-8 the
     * reason in words), addressed back to the sender as far as its MSH could be read.
     */
    String refuse(MshFields msh, AcknowledgmentCode code, ErrorCode error, String reason) {
        try {
            ACK ack = new ACK();
            ack.setParser(parser);
            ack.getMSH().getFieldSeparator().setValue("|");
            ack.getMSH().getEncodingCharacters().setValue("^~\\&");
            ack.getMSH().getSendingApplication().getNamespaceID().setValue("LAVENDER");
            ack.getMSH().getReceivingApplication().getNamespaceID().setValue(msh.sendingApplication());
            ack.getMSH().getReceivingFacility().getNamespaceID().setValue(msh.sendingFacility());
            ack.getMSH().getDateTimeOfMessage().getTime().setValue(java.util.Calendar.getInstance());
            ack.getMSH().getMessageType().getMessageCode().setValue("ACK");
            ack.getMSH().getMessageControlID().setValue(parser.getParserConfiguration().getIdGenerator().getID());
            ack.getMSH().getProcessingID().getProcessingID().setValue(
                    msh.processingId().isEmpty() ? "P" : msh.processingId().substring(0, 1));
            ack.getMSH().getVersionID().getVersionID().setValue("2.5.1");
            ack.getMSA().getAcknowledgmentCode().setValue(code.name());
            ack.getMSA().getMessageControlID().setValue(msh.controlId());
            ERR err = ack.getERR();
            err.getHL7ErrorCode().getIdentifier().setValue(Integer.toString(error.getCode()));
            err.getHL7ErrorCode().getText().setValue(error.getMessage());
            err.getHL7ErrorCode().getNameOfCodingSystem().setValue("HL70357");
            err.getSeverity().setValue("E");
            err.getDiagnosticInformation().setValue(printable(reason));
            err.getUserMessage().setValue(printable(reason));
            return ack.encode();
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("Cannot build the HL7 acknowledgment", e);
        }
    }

    /** An analyzer acknowledging a message Lavender sent (a DSR^Q03 reply): stored, never answered. */
    static boolean isAcknowledgment(Message message) {
        return message instanceof ACK;
    }

    /** ESU^U01 and other messages that carry no results. */
    static boolean carriesResults(Message message) {
        return message instanceof ORU_R01 || message instanceof OUL_R22;
    }

    /**
     * The measurements of an ORU^R01 or OUL^R22, in message order. The specimen is where the analyzer is configured
     * to send it ({@code where}); automatically SPM-2 when present, else OBR-3 (filler order number). SPM-11
     * {@code Q} marks a control material (IHE LAW). The code is OBX-3.1, or OBX-3.2 / OBX-4 for analyzers that leave
     * the identifier empty.
     */
    List<Observation> observations(Message message, SpecimenIdField where) throws HL7Exception {
        var out = new ArrayList<Observation>();
        if (message instanceof ORU_R01 oru) {
            for (ORU_R01_PATIENT_RESULT patient : oru.getPATIENT_RESULTAll()) {
                for (ORU_R01_ORDER_OBSERVATION order : patient.getORDER_OBSERVATIONAll()) {
                    SPM spm = order.getSPECIMENReps() > 0 ? order.getSPECIMEN(0).getSPM() : null;
                    var specimen = specimen(spm, order.getOBR(), where);
                    for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
                        add(out, observation.getOBX(), specimen, order.getOBR());
                    }
                    for (ORU_R01_SPECIMEN group : order.getSPECIMENAll()) {
                        var own = specimen(group.getSPM(), order.getOBR(), where);
                        for (OBX obx : group.getOBXAll()) {
                            add(out, obx, own, order.getOBR());
                        }
                    }
                }
            }
        } else if (message instanceof OUL_R22 oul) {
            for (OUL_R22_SPECIMEN group : oul.getSPECIMENAll()) {
                for (OUL_R22_ORDER order : group.getORDERAll()) {
                    var specimen = specimen(group.getSPM(), order.getOBR(), where);
                    for (OUL_R22_RESULT result : order.getRESULTAll()) {
                        add(out, result.getOBX(), specimen, order.getOBR());
                    }
                }
            }
        }
        return out;
    }

    private record SpecimenRef(String id, boolean qc, Instant collectedAt) {
    }

    private SpecimenRef specimen(SPM spm, OBR obr, SpecimenIdField where) throws HL7Exception {
        String spm2Id = "";
        boolean qc = false;
        Instant collected = null;
        if (spm != null) {
            EIP spm2 = spm.getSpecimenID();
            spm2Id = first(spm2.getPlacerAssignedIdentifier().getEntityIdentifier().getValue(),
                    spm2.getFillerAssignedIdentifier().getEntityIdentifier().getValue());
            for (CWE role : spm.getSpecimenRole()) {
                qc |= "Q".equalsIgnoreCase(role.getIdentifier().getValue());
            }
            collected = Hl7Time.parse(spm.getSpecimenCollectionDateTime().getRangeStartDateTime().getTime()
                    .getValue(), zone);
        }
        String obr3 = first(obr.getFillerOrderNumber().getEntityIdentifier().getValue(), "");
        String id = switch (where) {
            case SPM_2 -> spm2Id;
            case OBR_3 -> obr3;
            case OBR_2 -> first(obr.getPlacerOrderNumber().getEntityIdentifier().getValue(), "");
            default -> spm2Id.isEmpty() ? obr3 : spm2Id;
        };
        if (collected == null) {
            collected = Hl7Time.parse(obr.getObservationDateTime().getTime().getValue(), zone);
        }
        return new SpecimenRef(id, qc, collected);
    }

    private void add(List<Observation> out, OBX obx, SpecimenRef specimen, OBR obr) throws HL7Exception {
        String code = first(obx.getObservationIdentifier().getIdentifier().getValue(),
                first(obx.getObservationIdentifier().getText().getValue(), obx.getObservationSubID().getValue()));
        Varies[] values = obx.getObservationValue();
        String value = values.length == 0 ? "" : valueText(values[0].getData());
        var flags = new ArrayList<String>();
        for (IS flag : obx.getAbnormalFlags()) {
            if (flag.getValue() != null && !flag.getValue().isBlank()) {
                flags.add(flag.getValue().strip());
            }
        }
        Instant observed = Hl7Time.parse(obx.getDateTimeOfTheObservation().getTime().getValue(), zone);
        out.add(new Observation(out.size() + 1, specimen.id(), specimen.qc(), code, value,
                obx.getUnits().getIdentifier().getValue(), flags,
                observed != null ? observed : specimen.collectedAt()));
    }

    /** OBX-5 as text: a primitive as is, SN as comparator and number ({@code <^0.05} is "<0.05"), CE its code. */
    private static String valueText(Type data) throws HL7Exception {
        if (data instanceof Primitive p) {
            return p.getValue() == null ? "" : p.getValue();
        }
        if (data instanceof Composite c) {
            Type[] parts = c.getComponents();
            if ("SN".equals(c.getName()) && parts.length > 1) {
                return valueText(parts[0]) + valueText(parts[1]);
            }
            return Arrays.stream(parts).map(t -> t instanceof Primitive p && p.getValue() != null ? p.getValue() : "")
                    .filter(s -> !s.isBlank()).findFirst().orElse("");
        }
        return data.encode();
    }

    private static String first(String value, String otherwise) {
        return value == null || value.isBlank() ? (otherwise == null ? "" : otherwise.strip()) : value.strip();
    }

    private static String printable(String text) {
        // ERR-8 travels inside the message: drop delimiters and control characters the sender would misread.
        return text.replaceAll("[|^~\\\\&\\r\\n\\x00-\\x1F]", " ");
    }
}
