package org.lavender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Helpers for ITs: users, HTTP clients as those users (Basic auth, JSON API), polling, acting as the admin in-process. */
public final class ItSupport {

    private ItSupport() {
    }

    /** A user with one role and the password {@code secret-<username>}, created once per test database. */
    public static void ensureUser(StaffDirectory staff, String username, Role role) {
        if (!staff.exists(username)) {
            staff.create(username, username, "secret-" + username, EnumSet.of(role));
        }
    }

    /** A client signed in as a user made by {@link #ensureUser}. */
    public static RestClient as(int port, String username) {
        return client(port, username, "secret-" + username);
    }

    public static RestClient client(int port, String username, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    /** The status code of a call, error or not. */
    public static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { }).toBodilessEntity()
                .getStatusCode().value();
    }

    public static JsonNode json(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().body(JsonNode.class);
    }

    /** Polls until {@code done} holds (events are handled after commit, on other threads); fails after 20 s. */
    public static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        assertThat(done.test(value)).as("condition reached within 20 s, last value %s", value).isTrue();
        return value;
    }

    /** Calls the modules' APIs in-process as the test admin (roles ADMIN, TECHNICIAN, VERIFIER). */
    public static void actAsAdmin() {
        var authorities = java.util.List.of("ROLE_ADMIN", "ROLE_TECHNICIAN", "ROLE_VERIFIER").stream()
                .map(org.springframework.security.core.authority.SimpleGrantedAuthority::new).toList();
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, authorities));
    }
}
