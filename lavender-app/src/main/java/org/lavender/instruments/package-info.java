/**
 * Instruments: analyzer connections (ASTM E1381/E1394 and HL7 v2 over MLLP, TCP server or client), the durable
 * raw message store (committed before the analyzer is acknowledged), code maps from instrument codes to catalog
 * tests, dead letters with reprocessing, host query answers and QC results kept apart. Patient results leave as
 * {@link org.lavender.instruments.SpecimenResultsReceived} (one per message and tube); the results module files
 * them in the same transaction and reports back through {@link org.lavender.instruments.InstrumentFilings}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Instruments",
        allowedDependencies = {"shared", "audit", "catalog", "specimens"})
package org.lavender.instruments;
