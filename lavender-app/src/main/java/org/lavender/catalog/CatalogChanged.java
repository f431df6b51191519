package org.lavender.catalog;

/**
 * The catalog was edited (a test, its reference intervals, a panel): listeners that keep copies of catalog data
 * refresh them. Published after the edit and its audit row are written, in the same transaction.
 *
 * @param entity what changed: {@code test}, {@code reference_interval}, {@code panel}
 * @param code   the lab code of the test or panel concerned
 */
public record CatalogChanged(String entity, String code) {
}
