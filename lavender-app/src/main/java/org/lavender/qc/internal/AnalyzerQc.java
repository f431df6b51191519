package org.lavender.qc.internal;

import org.lavender.instruments.QcResultReceived;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Control values sent by analyzers (HL7 SPM-11 = Q with the lot in SPM-2, ASTM O-3): judged at once; what cannot be
 * filed is kept as an unfiled QC message with its reason. A redelivered event changes nothing.
 */
@Component
class AnalyzerQc {

    private final QcService service;

    AnalyzerQc(QcService service) {
        this.service = service;
    }

    @ApplicationModuleListener
    void on(QcResultReceived received) {
        service.fileFromAnalyzer(received);
    }
}
