package org.lavender.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * The one UCUM service of the application, read once from the essence table shipped inside the org.fhir:ucum jar
 * (the unit system of HL7 v2 OBX-6 and FHIR Quantity). The table is large; every module shares this copy.
 */
public final class Ucum {

    private Ucum() {
    }

    public static UcumEssenceService service() {
        return Holder.SERVICE;
    }

    /** Loaded on first use, so modules that never touch units pay nothing at start-up. */
    private static final class Holder {
        private static final UcumEssenceService SERVICE = load();

        private static UcumEssenceService load() {
            try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
                if (in == null) {
                    throw new IllegalStateException("ucum-essence.xml is missing from the org.fhir:ucum jar");
                }
                return new UcumEssenceService(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UcumException e) {
                throw new IllegalStateException("Cannot read the UCUM essence table", e);
            }
        }
    }
}
