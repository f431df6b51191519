package org.lavender.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    /**
     * The one R4 context of the application (building one scans every model class, so it is made once). Parsing is
     * strict: an unknown or misspelled element is refused with 400 instead of being silently dropped, so a
     * "priorty": "stat" never becomes a routine order.
     */
    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    @Bean
    ServletRegistrationBean<LavenderFhirServer> fhirServlet(FhirContext fhirContext,
                                                            List<IResourceProvider> providers,
                                                            FhirAccessInterceptor access,
                                                            FhirExceptionTranslator exceptions) {
        var server = new LavenderFhirServer(fhirContext, providers, List.of(access, exceptions,
                new KeysetBundleInterceptor()));
        var registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
