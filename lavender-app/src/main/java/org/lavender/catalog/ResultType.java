package org.lavender.catalog;

/** How a test's result is expressed. */
public enum ResultType {
    /** A number with a UCUM unit, possibly with a comparator ("<0.05", ">500"). */
    NUMERIC,
    /** One answer from the test's answer list (e.g. negative / trace / 1+). */
    CODED,
    /** Free text (morphology comments, culture descriptions). */
    TEXT
}
