package org.lavender.instruments;

import java.math.BigDecimal;

/**
 * One row of an analyzer's code map: the code it sends for a test, the catalog test it means ({@code null}: an
 * informational code that is received and ignored), the unit the analyzer reports in, and the factor that turns
 * its value into the catalog unit (catalog value = instrument value x factor; {@code null} = same unit).
 */
public record CodeMapping(String instrumentCode, String testCode, String unit, BigDecimal factor) {

    public boolean ignored() {
        return testCode == null;
    }
}
