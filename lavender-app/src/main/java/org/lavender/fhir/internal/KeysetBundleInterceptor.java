package org.lavender.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * HAPI writes the {@code _count} of the request into {@code Bundle.total} of a bundle a search method built
 * itself; for a keyset page that would claim a wrong number of matches, so the total is taken out again.
 */
@Interceptor
class KeysetBundleInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean dropInventedTotal(RequestDetails request, IBaseResource response) {
        if (response instanceof Bundle bundle && request.getUserData().containsKey(SearchPage.KEYSET)) {
            bundle.setTotalElement(new UnsignedIntType());
        }
        return true;
    }
}
