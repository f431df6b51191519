package org.lavender.instruments.internal;

import java.time.Instant;
import java.util.Arrays;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.MessageState;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what came off the wire in its own transaction. The caller acknowledges the analyzer only after this
 * returns: the row is committed, so a crash after the ACK cannot lose a message the analyzer believes delivered.
 */
@Service
class RawStore {

    /** Bytes kept of a refused unit (garbage, oversize): enough to see what it was. */
    static final int REJECTED_PREFIX = 64 * 1024;

    private final MessageRepository messages;

    RawStore(MessageRepository messages) {
        this.messages = messages;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public MessageRepository.Stored received(Analyzer analyzer, Connection connection, Instant at, byte[] bytes,
                                             String dedupKey) {
        return messages.store(analyzer.id(), connection.id(), connection.peer(), at, bytes, dedupKey,
                MessageState.RECEIVED, null);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long rejected(Analyzer analyzer, Connection connection, Instant at, byte[] bytes, String reason) {
        byte[] kept = bytes.length > REJECTED_PREFIX ? Arrays.copyOf(bytes, REJECTED_PREFIX) : bytes;
        return messages.store(analyzer.id(), connection.id(), connection.peer(), at, kept, null,
                MessageState.REJECTED, reason).id();
    }

    /** Who sent it: a connection id unique in this run, and the remote address. */
    record Connection(String id, String peer) {
    }
}
