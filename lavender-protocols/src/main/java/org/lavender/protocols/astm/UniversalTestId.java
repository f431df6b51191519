package org.lavender.protocols.astm;

import java.util.List;

/**
 * LIS2-A2 universal test identifier (O-5, R-3, Q-5): universal test id ^ name ^ type ^ manufacturer's local
 * code, the local part possibly spread over further components.
 */
public record UniversalTestId(String universalId, String name, String type, List<String> local) {

    public UniversalTestId {
        local = List.copyOf(local);
    }

    public static UniversalTestId of(List<String> components) {
        return new UniversalTestId(at(components, 0), at(components, 1), at(components, 2),
                components.size() > 3 ? components.subList(3, components.size()) : List.of());
    }

    /** An id that carries only a manufacturer's code ({@code ^^^code}). */
    public static UniversalTestId local(String code) {
        return new UniversalTestId("", "", "", List.of(code));
    }

    /** The code to map: the first non-blank local component, else the universal id, else the name. */
    public String code() {
        return local.stream().map(String::trim).filter(s -> !s.isEmpty()).findFirst()
                .orElse(universalId.isBlank() ? name.trim() : universalId.trim());
    }

    private static String at(List<String> components, int i) {
        return i < components.size() ? components.get(i) : "";
    }
}
