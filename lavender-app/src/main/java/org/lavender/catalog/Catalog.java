package org.lavender.catalog;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Sex;

/** Read side of the test catalog, used by orders, specimens, results and the interfaces. */
public interface Catalog {

    /** A test by the lab's code or its LOINC code. */
    Optional<TestDefinition> test(String codeOrLoinc);

    /** A test or panel by code or LOINC code; a panel comes with its member tests. */
    Optional<Orderable> orderable(String codeOrLoinc);

    /** Active tests and panels whose code, LOINC or name contains the text, panels first. */
    List<Orderable> searchOrderables(String text, int limit);

    Optional<ContainerType> container(String code);

    List<ContainerType> containers();

    List<Section> sections();

    Optional<Section> section(String code);

    /** The interval for this test, sex and age in days (the most specific band wins; sex "any" as fallback). */
    Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays);
}
