package org.lavender.fhir.internal;

import org.lavender.patients.PatientIdentifier;

/** Code systems and identifier namespaces Lavender reads and writes in FHIR resources. */
final class FhirSystems {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String MRN = PatientIdentifier.MRN_SYSTEM;
    /** The lab's own test and panel codes (catalog codes), next to LOINC. */
    static final String TEST_CODE = "urn:lavender:test";
    /** Accession numbers printed on the tube labels. */
    static final String ACCESSION = "urn:lavender:accession";
    /** Lavender's order numbers (the filler order number in HL7 terms). */
    static final String ORDER_NUMBER = "urn:lavender:order";
    static final String CONTAINER = "urn:lavender:container";
    /** HL7 v2 table 0203 identifier types (MR = medical record number, FILL = filler order number). */
    static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    /** HL7 v2 table 0074 diagnostic service sections (LAB). */
    static final String DIAGNOSTIC_SERVICE = "http://terminology.hl7.org/CodeSystem/v2-0074";
    /** HL7 v2 table 0493 specimen condition (HEM, CLOT, CON, ...). */
    static final String SPECIMEN_CONDITION = "http://terminology.hl7.org/CodeSystem/v2-0493";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    private FhirSystems() {
    }
}
