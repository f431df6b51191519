package org.lavender.equipment;

import java.util.List;
import java.util.Optional;

/**
 * Reagent definitions (admin or verifier), lots received and opened on analyzers (technicians), stock and the
 * reagent lot behind each result filed by an analyzer.
 */
public interface Reagents {

    List<Reagent> reagents();

    Optional<Reagent> reagent(long id);

    Reagent define(NewReagent reagent);

    /** Receives a delivery; a second delivery of a lot on file adds units (its expiry must match). */
    ReagentLot receive(LotReceipt receipt);

    /** Lots with unopened units, soonest expiry first. */
    List<ReagentLot> lotsInStock();

    /**
     * Opens one unit of the lot and loads it on the analyzer asset: the unit of that reagent loaded there before is
     * taken off. Refused for an expired lot, a lot without unopened units or an asset that is not an analyzer.
     */
    ReagentInUse open(long lotId, long assetId);

    /** Takes a loaded unit off the analyzer (empty, spilt, past stability). */
    ReagentInUse remove(long inUseId, String reason);

    /** Units loaded on analyzers now. */
    List<ReagentInUse> loaded();

    List<StockLevel> stock();

    /** The reagent lots recorded for a result, newest filing first. */
    List<ResultReagent> forResult(long resultId);
}
