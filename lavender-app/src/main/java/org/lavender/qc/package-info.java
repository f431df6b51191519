/**
 * Quality control: control materials and lots with their target mean and SD per test and analyzer, control values
 * from analyzers ({@link org.lavender.instruments.QcResultReceived}) and from the bench, each judged at once by the
 * test's Westgard rules, Levey-Jennings charts and monthly statistics, and the lockout of a test on an analyzer
 * after a rejected run, which holds its patient results from autoverification ({@code AnalyteQcStatus}) until an
 * accepted run and a corrective action. Publishes {@link org.lavender.qc.QcRunRejected} and
 * {@link org.lavender.qc.QcRunAccepted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Quality control",
        allowedDependencies = {"shared", "audit", "catalog", "instruments", "results"})
package org.lavender.qc;
