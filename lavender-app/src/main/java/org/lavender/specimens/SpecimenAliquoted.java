package org.lavender.specimens;

import java.util.List;

/**
 * Part of a received tube was poured into an aliquot, and the listed tests now run on the aliquot (its own
 * accession, already in the lab). Pending results of those tests belong to the aliquot from now on.
 */
public record SpecimenAliquoted(long parentId, String parentAccession, long aliquotId, String aliquotAccession,
                                long orderId, List<Specimen.SpecimenTest> movedTests) {
}
