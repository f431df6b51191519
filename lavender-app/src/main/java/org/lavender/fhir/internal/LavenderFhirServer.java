package org.lavender.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import java.util.List;

/**
 * HAPI plain server behind {@code /fhir}: JSON by default, XML on request ({@code _format=xml} or Accept), the
 * CapabilityStatement generated from the resource providers, HTML rendering for people browsing with a browser.
 */
final class LavenderFhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    private final transient List<IResourceProvider> providers;
    private final transient List<Object> interceptors;

    LavenderFhirServer(FhirContext context, List<IResourceProvider> providers, List<Object> interceptors) {
        super(context);
        this.providers = List.copyOf(providers);
        this.interceptors = List.copyOf(interceptors);
    }

    @Override
    protected void initialize() {
        setServerName("Lavender LIS");
        setImplementationDescription("Lavender clinical laboratory information system");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setResourceProviders(providers);
        interceptors.forEach(this::registerInterceptor);
        registerInterceptor(new ResponseHighlighterInterceptor());
        var capabilities = new ServerCapabilityStatementProvider(this);
        capabilities.setPublisher("Lavender");
        setServerConformanceProvider(capabilities);
    }
}
