/**
 * Instruments: analyzer connections (ASTM E1381/E1394 and HL7 v2 over MLLP, TCP server or client), the durable
 * raw message store (committed before the analyzer is acknowledged), code maps from instrument codes to catalog
 * tests, dead letters with reprocessing, host query answers and QC results kept apart. Patient results leave as
 * {@link org.lavender.instruments.AnalyzerResultsReceived} (one per filing transaction of one or more messages,
 * listing each message's tubes); the results module files them in the same transaction and reports back through {@link org.lavender.instruments.InstrumentFilings}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Instruments",
        allowedDependencies = {"shared", "audit", "catalog", "specimens", "patients"})
package org.lavender.instruments;
