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

/** HTTP helpers for scenario ITs that drive the running app as its users do (HTTP Basic, JSON API). */
public final class LabHttp {

    private LabHttp() {
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

    /** Polls until {@code done} holds (events are handled after commit, on other threads); fails after 10 s. */
    public static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
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
        assertThat(done.test(value)).as("condition reached within 10 s, last value %s", value).isTrue();
        return value;
    }
}
