package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DelimitersTests {

    @Test
    void standardDelimitersComeFromTheHeader() {
        assertThat(Delimiters.fromHeader("H|\\^&|||Analyzer")).isEqualTo(Delimiters.STANDARD);
    }

    @Test
    void cepheidDeclaresItsOwnRepeatAndEscape() {
        assertThat(Delimiters.fromHeader("H|@^\\|URM-8lT4abZA-06||")).isEqualTo(new Delimiters('|', '@', '^', '\\'));
    }

    @Test
    void yumizenDoubledBackslashIsTolerated() {
        assertThat(Delimiters.fromHeader("H|\\\\^&|||H550")).isEqualTo(Delimiters.STANDARD);
    }

    @Test
    void headerOfOnlyTheDefinitionIsEnough() {
        assertThat(Delimiters.fromHeader("H|\\^&")).isEqualTo(Delimiters.STANDARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "H", "H|\\^", "P|1||", "H|||||", "H|AB&|", "H|\\^\\|", "H| ^&|", "H|\\^&&x|",
            "H|\u0002^&|", "H|\\|&|"})
    void garbageDefinitionsAreTypedErrors(String header) {
        assertThatThrownBy(() -> Delimiters.fromHeader(header)).isInstanceOf(AstmProtocolException.class);
    }

    @Test
    void escapeSequencesResolveToTheDelimiters() {
        Delimiters d = Delimiters.STANDARD;

        assertThat(d.unescape("a&F&b&S&c&R&d&E&e")).isEqualTo("a|b^c\\d&e");
        assertThat(d.unescape("PNG&R&20240628&R&PLT.PNG")).isEqualTo("PNG\\20240628\\PLT.PNG");
        assertThat(d.unescape("&X4142&")).isEqualTo("AB");
    }

    @Test
    void unknownOrUnterminatedSequencesStayAsTheyAre() {
        Delimiters d = Delimiters.STANDARD;

        assertThat(d.unescape("Smith & Wesson")).isEqualTo("Smith & Wesson");
        assertThat(d.unescape("&H&bold&N&")).isEqualTo("&H&bold&N&");
        assertThat(d.unescape("&X4&")).isEqualTo("&X4&");
        assertThat(d.unescape("tail&")).isEqualTo("tail&");
    }

    @Test
    void escapeIsUndoneByUnescape() {
        String value = "O'Brien|A^B\\C&D";

        String escaped = Delimiters.STANDARD.escape(value);

        assertThat(escaped).isEqualTo("O'Brien&F&A&S&B&R&C&E&D");
        assertThat(Delimiters.STANDARD.unescape(escaped)).isEqualTo(value);
    }
}
