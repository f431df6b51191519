package org.lavender.protocols.astm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of feeding bytes or time to a link state machine: the bytes to write to the wire now and the
 * events, both in order.
 */
public record LinkOutput(byte[] toSend, List<LinkEvent> events) {

    public LinkOutput {
        toSend = toSend.clone();
        events = List.copyOf(events);
    }

    @Override
    public byte[] toSend() {
        return toSend.clone();
    }

    public <E extends LinkEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Collects output while a state machine runs. */
    static final class Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<LinkEvent> events = new ArrayList<>();

        void send(byte b) {
            bytes.write(b);
        }

        void send(byte[] b) {
            bytes.writeBytes(b);
        }

        void event(LinkEvent event) {
            events.add(event);
        }

        LinkOutput build() {
            return new LinkOutput(bytes.toByteArray(), events);
        }
    }
}
