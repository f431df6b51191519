package org.lavender.instruments;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

/** Analyzer configuration, the raw message store and its dead letters. */
public interface Instruments {

    List<Analyzer> analyzers();

    Optional<Analyzer> analyzer(long id);

    Optional<Analyzer> analyzerByName(String name);

    /** Adds an analyzer (admin); its listener starts after commit. */
    Analyzer create(AnalyzerSettings settings);

    /** Changes an analyzer (admin), refused if someone changed it since {@code version}; the listener restarts. */
    Analyzer update(long id, int version, AnalyzerSettings settings);

    List<CodeMapping> codeMap(long analyzerId);

    /** Adds or replaces a row of the analyzer's code map (admin), audited. */
    CodeMapping map(long analyzerId, CodeMapping mapping);

    void unmap(long analyzerId, String instrumentCode);

    /** Codes this analyzer sent that have no mapping, most frequent first. */
    List<String> unmappedCodes(long analyzerId);

    /** Messages in ERROR or REJECTED, newest first, keyset-paginated. */
    Slice<RawMessage> deadLetters(String cursor, int size);

    Optional<RawMessage> message(long id);

    List<ReceivedObservation> observations(long rawMessageId);

    List<RawMessage> recentMessages(long analyzerId, int limit);

    /**
     * Parses and files a stored message again after a fix (a code mapped, a specimen received): results already
     * filed are left alone, the rest are tried again. Refused for REJECTED messages (nothing usable arrived).
     */
    RawMessage reprocess(long rawMessageId);

    /**
     * Reprocesses this analyzer's dead letters that failed on {@code instrumentCode} (e.g. right after mapping it);
     * returns how many messages were tried.
     */
    int reprocessCode(long analyzerId, String instrumentCode);

    /** Order messages pushed to this analyzer, newest first. */
    List<OutboundOrder> outboundOrders(long analyzerId, int limit);

    /** Queues a FAILED order message again for immediate delivery (technician, audited). */
    OutboundOrder resend(long outboundOrderId);

    /** Live view: per analyzer connection state, last message time, messages and errors today. */
    List<AnalyzerStatus> status();
}
