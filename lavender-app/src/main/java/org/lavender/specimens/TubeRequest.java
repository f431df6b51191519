package org.lavender.specimens;

import java.util.List;
import org.lavender.shared.Priority;

/**
 * The tests of an order that need tubes. Tests are grouped by container type and section into one specimen
 * each; tests added later join a not-yet-collected tube of the same container and section.
 */
public record TubeRequest(long orderId, long patientId, Priority priority, List<RequestedTest> tests) {

    public record RequestedTest(long orderItemId, String testCode) {
    }
}
