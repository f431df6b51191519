/**
 * Specimens: accession numbers, one specimen per tube, collection, receipt in the lab, rejection with coded
 * reasons, recollection, aliquots, and labels (ZPL and PDF with a Code 128 barcode of the accession).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Specimens",
        allowedDependencies = {"shared", "audit", "catalog", "patients"})
package org.lavender.specimens;
