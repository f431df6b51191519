package org.lavender;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Rules that keep the code the shape the architecture describes. */
class ArchitectureTests {

    private final JavaClasses app = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.lavender");

    @Test
    void apiPackagesDoNotDependOnInternals() {
        noClasses().that().resideInAPackage("org.lavender.(*)")
                .should().dependOnClassesThat().resideInAPackage("org.lavender.(*).internal..")
                .because("a module's API must not leak its internals")
                .allowEmptyShould(true)
                .check(app);
    }

    @Test
    void onlyInternalsTouchTheDatabase() {
        noClasses().that().resideOutsideOfPackages("org.lavender.(*).internal..", "org.lavender")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("SQL lives in each module's internal repositories")
                .check(app);
    }

    @Test
    void protocolsStayFreeOfSpringAndDatabase() {
        noClasses().that().resideInAPackage("org.lavender.protocols..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..")
                .allowEmptyShould(true)
                .check(new ClassFileImporter().importPackages("org.lavender.protocols"));
    }

    @Test
    void controllersDoNotTalkSql() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..")
                .because("controllers call a module service; SQL stays in repositories")
                .allowEmptyShould(true)
                .check(app);
    }

    @Test
    void noFieldInjection() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired")
                .because("constructor injection keeps dependencies visible")
                .check(app);
    }
}
