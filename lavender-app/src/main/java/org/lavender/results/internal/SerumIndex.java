package org.lavender.results.internal;

import java.util.Locale;
import org.lavender.shared.InvalidInputException;

/**
 * The serum indices a chemistry analyzer measures on a specimen (CLSI C56): hemolysis (H, free hemoglobin), icterus
 * (I, bilirubin) and lipemia (L, turbidity), each in the vendor's own index units.
 */
enum SerumIndex {
    H("hemolysis"), I("icterus"), L("lipemia");

    private final String label;

    SerumIndex(String label) {
        this.label = label;
    }

    /** "hemolysis", "icterus" or "lipemia" (public: pages show it). */
    public String label() {
        return label;
    }

    char kind() {
        return name().charAt(0);
    }

    /** H, I or L (any case); anything else is refused with the kinds there are. */
    static SerumIndex parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (SerumIndex index : values()) {
            if (index.name().equals(t)) {
                return index;
            }
        }
        throw new InvalidInputException("kind", "The index kind is H (hemolysis), I (icterus) or L (lipemia), not '"
                + IndexLimits.shown(text) + "'");
    }
}
