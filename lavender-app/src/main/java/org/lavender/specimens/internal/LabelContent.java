package org.lavender.specimens.internal;

import java.time.LocalDate;
import java.util.List;
import org.lavender.shared.Priority;

/**
 * What goes on a tube label: the accession (barcoded), two patient identifiers (name and MRN) plus birth date as
 * CLSI GP33 asks for specimen labels, the container and its cap colour, the tests and the priority.
 */
record LabelContent(String accession, String patientName, String mrn, LocalDate birthDate, String container,
                    String capColour, String colourHex, String specimenType, List<String> tests,
                    Priority priority) {

    boolean stat() {
        return priority == Priority.STAT;
    }

    /** The test codes as they fit on one label line, e.g. "NA K CL CO2 +4". */
    String testsLine(int maxChars) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < tests.size(); i++) {
            String next = (line.length() == 0 ? "" : " ") + tests.get(i);
            String rest = " +" + (tests.size() - i);
            boolean last = i == tests.size() - 1;
            if (line.length() + next.length() + (last ? 0 : rest.length()) > maxChars) {
                return line.append(rest).toString().strip();
            }
            line.append(next);
        }
        return line.toString();
    }

    String containerLine() {
        return container + (capColour == null || capColour.isBlank() ? "" : " (" + capColour + ")") + " "
                + specimenType;
    }
}
