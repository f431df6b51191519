package org.lavender.protocols.astm;

import java.util.ArrayList;
import java.util.List;

/** Writes one record: values are escaped, components and repeats joined, trailing empty fields dropped. */
final class RecordText {

    private final Delimiters delimiters;
    private final List<String> fields = new ArrayList<>();

    RecordText(Delimiters delimiters, String type) {
        this.delimiters = delimiters;
        fields.add(type);
    }

    /** Sets field {@code n} (1-based as in LIS2-A2) to an escaped value. */
    RecordText set(int n, String value) {
        return setRaw(n, delimiters.escape(value));
    }

    /** Sets field {@code n} to components, each escaped. */
    RecordText components(int n, String... components) {
        return setRaw(n, joinComponents(List.of(components)));
    }

    /** Sets field {@code n} to repeats of universal test ids. */
    RecordText tests(int n, List<UniversalTestId> tests) {
        List<String> repeats = new ArrayList<>();
        for (UniversalTestId test : tests) {
            List<String> components = new ArrayList<>(List.of(test.universalId(), test.name(), test.type()));
            components.addAll(test.local());
            repeats.add(joinComponents(components));
        }
        return setRaw(n, String.join(String.valueOf(delimiters.repeat()), repeats));
    }

    RecordText setRaw(int n, String raw) {
        while (fields.size() < n) {
            fields.add("");
        }
        fields.set(n - 1, raw);
        return this;
    }

    String text() {
        int last = fields.size();
        while (last > 1 && fields.get(last - 1).isEmpty()) {
            last--;
        }
        return String.join(String.valueOf(delimiters.field()), fields.subList(0, last));
    }

    private String joinComponents(List<String> components) {
        int last = components.size();
        while (last > 1 && components.get(last - 1).isEmpty()) {
            last--;
        }
        return String.join(String.valueOf(delimiters.component()),
                components.subList(0, last).stream().map(delimiters::escape).toList());
    }
}
