package org.lavender.fhir.internal;

import static org.mockito.Mockito.mock;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.lavender.catalog.Catalog;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.results.Results;
import org.lavender.specimens.Specimens;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The FHIR servlet exactly as the application wires it, over Mockito mocks of the module APIs, driven with
 * in-memory HTTP requests: fast enough for unit tests of status codes and OperationOutcomes.
 */
final class FhirServerHarness {

    static final FhirContext CONTEXT = strictContext();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneId.of("Europe/Zurich"));

    final Patients patients = mock(Patients.class);
    final Orders orders = mock(Orders.class);
    final Specimens specimens = mock(Specimens.class);
    final Results results = mock(Results.class);
    final Catalog catalog = mock(Catalog.class);
    private final LavenderFhirServer server;

    FhirServerHarness() {
        server = new LavenderFhirServer(CONTEXT, List.of(
                new PatientResourceProvider(patients, CLOCK),
                new ServiceRequestResourceProvider(orders, patients, catalog),
                new SpecimenResourceProvider(specimens, patients, catalog),
                new ObservationResourceProvider(results, patients, catalog),
                new DiagnosticReportResourceProvider(orders, results, patients)),
                List.of(new FhirAccessInterceptor(), new FhirExceptionTranslator(CONTEXT),
                        new KeysetBundleInterceptor()));
        try {
            server.init(new MockServletConfig("fhir"));
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FhirContext strictContext() {
        FhirContext context = FhirContext.forR4();
        context.setParserErrorHandler(new StrictErrorHandler());
        return context;
    }

    static void signIn(String user, String... roles) {
        String[] authorities = java.util.Arrays.stream(roles).map(r -> "ROLE_" + r).toArray(String[]::new);
        var token = new TestingAuthenticationToken(user, "secret", authorities);
        token.setAuthenticated(true);
        SecurityContextHolder.getContext().setAuthentication(token);
    }

    static void signOut() {
        SecurityContextHolder.clearContext();
    }

    MockHttpServletResponse get(String pathAndQuery) {
        return call("GET", pathAndQuery, null);
    }

    MockHttpServletResponse post(String path, String json) {
        return call("POST", path, json);
    }

    MockHttpServletResponse call(String method, String pathAndQuery, String body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        var request = new MockHttpServletRequest(method, "/fhir" + path);
        request.setServerName("localhost");
        request.setServerPort(8080);
        request.setServletPath("/fhir");
        request.setPathInfo(path);
        if (q >= 0) {
            request.setQueryString(pathAndQuery.substring(q + 1));
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                request.addParameter(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        request.addHeader("Accept", "application/fhir+json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.setContentType("application/fhir+json");
            request.setCharacterEncoding("UTF-8");
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
        }
        var response = new MockHttpServletResponse();
        try {
            server.service(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response;
    }

    static <T extends IBaseResource> T parse(MockHttpServletResponse response, Class<T> type) {
        try {
            return CONTEXT.newJsonParser().parseResource(type, response.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
