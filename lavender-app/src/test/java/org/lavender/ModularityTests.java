package org.lavender;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Each lab concept is a module that touches the others only through their API package or events. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(LavenderApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
