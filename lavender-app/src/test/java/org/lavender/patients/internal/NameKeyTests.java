package org.lavender.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameKeyTests {

    @Test
    void caseAndAccentsAreIgnored() {
        assertThat(NameKey.of("Müller")).isEqualTo("muller");
        assertThat(NameKey.of("JOSÉ")).isEqualTo("jose");
        assertThat(NameKey.of("Žofie Dvořáková")).isEqualTo("zofie dvorakova");
        assertThat(NameKey.of("Ñúñez")).isEqualTo("nunez");
    }

    @Test
    void lettersWithoutDecompositionAreSpelledOut() {
        assertThat(NameKey.of("Strauß")).isEqualTo("strauss");
        assertThat(NameKey.of("Øberg")).isEqualTo("oberg");
        assertThat(NameKey.of("Łukasz")).isEqualTo("lukasz");
        assertThat(NameKey.of("Ærø")).isEqualTo("aero");
    }

    @Test
    void punctuationAndSpacing() {
        assertThat(NameKey.of("O'Brien")).isEqualTo("obrien");
        assertThat(NameKey.of("Smith-Jones")).isEqualTo("smith jones");
        assertThat(NameKey.of("  van   der  Berg ")).isEqualTo("van der berg");
        assertThat(NameKey.of("St. John")).isEqualTo("st john");
        assertThat(NameKey.of(null)).isEmpty();
    }
}
