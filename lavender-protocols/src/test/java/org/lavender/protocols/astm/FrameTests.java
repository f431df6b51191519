package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTests {

    @Test
    void encodesWithTheChecksumOfTheBeckmanCapture() {
        // Frame 1 of beckman-access2-hcg-framed.astm carries checksum 2E.
        byte[] wire = Wire.frame(1, "H|\\^&|||ACCESS^575707|||||LIS||P|1|20250701185020\r", true);

        assertThat(Wire.show(wire)).isEqualTo("<STX>1H|\\^&|||ACCESS^575707|||||LIS||P|1|20250701185020<CR><ETX>2E<CR><LF>");
    }

    @Test
    void checksumIsTheModulo256SumFromFrameNumberThroughEtx() {
        byte[] wire = Wire.of("<STX>5L|1|F<CR><ETX>");
        assertThat(Checksum.of(wire, 1, wire.length).text()).isEqualTo("00");
    }

    @Test
    void decodesItsOwnEncoding() {
        Frame frame = new Frame(7, Wire.ascii("R|1|^^^K|4.1|mmol/L\r"), false);

        assertThat(Frame.decode(frame.encode(), false)).isEqualTo(frame);
    }

    @Test
    void badChecksumIsATypedError() {
        assertThatThrownBy(() -> Frame.decode(Wire.of("<STX>1H|\\^&<CR><ETX>00<CR><LF>"), false))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.error()).isEqualTo(LinkError.BAD_CHECKSUM));
    }

    @Test
    void lowercaseChecksumOnlyInTolerantMode() {
        // '2' 'P' '|' '1' CR ETX sum to 0x13F: checksum 3F.
        byte[] lower = Wire.of("<STX>2P|1<CR><ETX>3f<CR><LF>");

        assertThatThrownBy(() -> Frame.decode(lower, false)).isInstanceOf(FrameException.class);
        assertThat(Frame.decode(lower, true).number()).isEqualTo(2);
        assertThat(Frame.decode(Wire.of("<STX>2P|1<CR><ETX>3F<CR><LF>"), false).number()).isEqualTo(2);
    }

    @Test
    void missingFrameNumberIsRejectedStrictlyAndAcceptedTolerantly() {
        byte[] wire = Wire.of("<STX>H|\\^&<CR><ETX>");

        assertThatThrownBy(() -> Frame.decode(wire, false)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.error()).isEqualTo(LinkError.WRONG_FRAME_NUMBER));
        Frame frame = Frame.decode(wire, true);
        assertThat(frame.hasNumber()).isFalse();
        assertThat(frame.text()).isEqualTo(Wire.ascii("H|\\^&\r"));
    }

    @Test
    void truncatedFramesAreTypedErrors() {
        for (String broken : List.of("", "<STX>", "<STX>1H|", "<STX><ETX>", "<STX>1H<ETX>4", "<STX>1H<ETX>4A<CR>")) {
            assertThatThrownBy(() -> Frame.decode(Wire.of(broken), false)).as(broken)
                    .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.error())
                            .isIn(LinkError.TRUNCATED_FRAME, LinkError.BAD_CHECKSUM));
        }
    }

    @Test
    void restrictedControlCharactersInTextAreRejected() {
        byte[] wire = Wire.frame(1, "H|\u0006|\r", true);

        assertThatThrownBy(() -> Frame.decode(wire, false)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.error()).isEqualTo(LinkError.ILLEGAL_CHARACTER));
    }

    @Test
    void framesOver247CharactersAreRejectedInStrictMode() {
        byte[] wire = Wire.frame(1, "R".repeat(241), true);

        assertThat(wire).hasSize(248);
        assertThatThrownBy(() -> Frame.decode(wire, false)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.error()).isEqualTo(LinkError.FRAME_TOO_LONG));
        assertThat(Frame.decode(wire, true).text()).hasSize(241);
    }

    @Test
    void encoderSplitsLongRecordsIntoEtbFramesOfAtMost247Characters() {
        List<Frame> frames = new FrameEncoder().encode(List.of(Wire.ascii("R".repeat(600)), Wire.ascii("L|1|N")));

        assertThat(frames).extracting(Frame::last).containsExactly(false, false, true, true);
        assertThat(frames).extracting(f -> f.text().length).containsExactly(240, 240, 121, 6);
        assertThat(frames).extracting(Frame::number).containsExactly(1, 2, 3, 4);
        assertThat(frames).allSatisfy(f -> assertThat(f.encode().length).isLessThanOrEqualTo(Frame.MAX_FRAME_LENGTH));
    }

    @Test
    void frameNumbersWrapFromSevenToZero() {
        List<byte[]> records = java.util.stream.IntStream.range(0, 10).mapToObj(i -> Wire.ascii("C|" + i)).toList();

        assertThat(new FrameEncoder().encode(records)).extracting(Frame::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 0, 1, 2);
    }
}
