package org.lavender;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Each lab concept is a module that touches the others only through their API package or events. */
class ModularityTests {

    // lavender-protocols is a plain library (no Spring, no module of the application): any module may use it.
    private final ApplicationModules modules = ApplicationModules.of(LavenderApplication.class,
            JavaClass.Predicates.resideInAPackage("org.lavender.protocols.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeDocumentation();
    }
}
