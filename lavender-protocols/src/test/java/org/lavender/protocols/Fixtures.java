package org.lavender.protocols;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared analyzer captures, read in place from {@code ../shared/fixtures} next to the repository (never
 * copied into it). System property {@code lavender.fixtures} overrides the lookup.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("lavender.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate.resolve("astm"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found above " + Path.of("").toAbsolutePath()
                + "; set -Dlavender.fixtures=/path/to/shared/fixtures");
    }

    public static List<String> names(String kind) {
        try (Stream<Path> files = Files.list(root().resolve(kind))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String kind, String name) {
        try {
            return Files.readAllBytes(root().resolve(kind).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
