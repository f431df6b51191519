package org.lavender.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * HAPI writes the {@code _count} of the request into an empty {@code Bundle.total} of a bundle a search method
 * built itself; on a keyset page whose total is unknown that would claim a wrong number of matches, so it is taken
 * out again.
 */
@Interceptor
class KeysetBundleInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean dropInventedTotal(RequestDetails request, IBaseResource response) {
        if (response instanceof Bundle bundle && request.getUserData().containsKey(SearchPage.TOTAL_UNKNOWN)) {
            bundle.setTotalElement(new UnsignedIntType());
        }
        return true;
    }
}
