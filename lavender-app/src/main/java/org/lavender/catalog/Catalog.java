package org.lavender.catalog;

import java.time.Instant;
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

    /**
     * The interval that was in effect at a given time (e.g. the specimen's collection time), chosen like
     * {@link #interval(String, Sex, long)}: an exact sex band beats "any", then the narrower age band wins.
     */
    Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays, Instant at);

    /**
     * The interval for a value measured by an analyzer: a band of that analyzer's method beats a band of every
     * method (then as {@link #interval(String, Sex, long, Instant)}); {@code analyzer} null means manual entry or a
     * calculation, which use the bands of every method only.
     */
    Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays, Instant at, String analyzer);

    /** A stored interval version by its id (as recorded with a result), whether or not it is still in effect. */
    Optional<ReferenceInterval> intervalById(long id);

    /** Active tests of a bench section, by code (calculated tests included). */
    List<TestDefinition> testsInSection(String sectionCode);

    /** All active panels with their member tests, by code. */
    List<Orderable> panels();
}
