package org.lavender.equipment.internal;

import org.lavender.results.ResultsFiled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Each batch of results an analyzer filed uses reagent and counts as runs of its asset. */
@Component
class ReagentConsumption {

    private final ReagentService reagents;

    ReagentConsumption(ReagentService reagents) {
        this.reagents = reagents;
    }

    @ApplicationModuleListener
    void on(ResultsFiled filed) {
        reagents.consume(filed);
    }
}
