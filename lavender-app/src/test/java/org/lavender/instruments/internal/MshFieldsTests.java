package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The MSH fields read before a full parse, from well-formed, unusual and broken first segments. */
class MshFieldsTests {

    @Test
    void theFieldsAreReadFromTheFirstSegmentWhateverEndsIt() {
        for (String end : new String[] {"\r", "\n", "\r\n"}) {
            MshFields msh = MshFields.read("MSH|^~\\&| CHEM |LAB|LAVENDER|LAB|20261207||ORU^R01^ORU_R01|C-1|P|2.5.1"
                    + end + "PID|1||X|Y");
            assertThat(msh).isEqualTo(new MshFields("CHEM", "LAB", "ORU^R01^ORU_R01", "C-1", "P", "2.5.1"));
            assertThat(msh.dedupKey()).isEqualTo("hl7:CHEM|LAB|C-1");
        }
    }

    @Test
    void anotherFieldSeparatorAndMissingFieldsAreRead() {
        assertThat(MshFields.read("MSH#^~\\&#A#B#####QBP^Q11#Q-7\rQPD#1"))
                .isEqualTo(new MshFields("A", "B", "QBP^Q11", "Q-7", "", ""));
        MshFields bare = MshFields.read("MSH|^~\\&|A");
        assertThat(bare.present()).isFalse();
        assertThat(bare.dedupKey()).isNull();
    }

    @Test
    void brokenOrHostileTextGivesEmptyFieldsNotAnException() {
        for (String text : new String[] {null, "", "MSH", "PID|1|2|3|4|5", "MSH\r\r\r\r\r",
                "MSH|\u0000\u0000\u0000\u0000",
                "MSH" + "|".repeat(100_000), "msh|^~\\&|A|B|||x||ORU^R01|1|P|2.5"}) {
            MshFields msh = MshFields.read(text);
            assertThat(msh.present()).as(String.valueOf(text).substring(0, Math.min(20, String.valueOf(text)
                    .length()))).isFalse();
        }
    }
}
