package org.lavender.protocols.astm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts records into frames for sending. */
public final class FrameEncoder {

    private final int maxTextLength;

    /** Frames of at most {@link Frame#MAX_FRAME_LENGTH} characters. */
    public FrameEncoder() {
        this(Frame.MAX_TEXT_LENGTH);
    }

    public FrameEncoder(int maxTextLength) {
        if (maxTextLength < 1 || maxTextLength > Frame.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text per frame must be 1.." + Frame.MAX_TEXT_LENGTH);
        }
        this.maxTextLength = maxTextLength;
    }

    /**
     * LIS1-A 8.3.1-8.3.2: each record starts a new frame and ends with CR; a record longer than one frame goes
     * out as intermediate frames (ETB) and one end frame (ETX). Frame numbers run 1..7, 0, 1... over the message.
     *
     * @param records record texts without the trailing CR
     */
    public List<Frame> encode(List<byte[]> records) {
        List<Frame> frames = new ArrayList<>();
        for (byte[] record : records) {
            byte[] text = Arrays.copyOf(record, record.length + 1);
            text[record.length] = Ascii.CR;
            for (int from = 0; from < text.length; from += maxTextLength) {
                int to = Math.min(text.length, from + maxTextLength);
                frames.add(new Frame((frames.size() + 1) % 8, Arrays.copyOfRange(text, from, to), to == text.length));
            }
        }
        return frames;
    }
}
