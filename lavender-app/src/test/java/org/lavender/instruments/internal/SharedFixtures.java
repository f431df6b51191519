package org.lavender.instruments.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared analyzer captures, read in place from {@code shared/fixtures} above the working directory. */
final class SharedFixtures {

    private SharedFixtures() {
    }

    static Path root() {
        String configured = System.getProperty("lavender.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate.resolve("hl7"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath());
    }

    static byte[] bytes(String kind, String name) {
        try {
            return Files.readAllBytes(root().resolve(kind).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
