package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The bench over the JSON API: an admin registers and orders, a technician receives tubes and enters values. */
record Bench(RestClient admin, RestClient tech) {

    long patient(String birthDate, String sex) {
        return json(admin.post().uri("/api/patients").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("familyName", "Intelligence", "givenName", "Ida", "birthDate", birthDate, "sex", sex)))
                .get("id").asLong();
    }

    JsonNode order(long patientId, String code) {
        return json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId, "orderableCodes", List.of(code), "priority", "ROUTINE",
                        "orderingProvider", "Dr. Emergency")));
    }

    /** Receives the order's tubes and waits for its pending results. */
    Map<String, JsonNode> receive(JsonNode order, int tests) {
        String orderId = order.get("id").asString();
        JsonNode tubes = json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items");
        tubes.forEach(t -> assertThat(status(tech.post().uri("/api/specimens/" + t.get("accession").asString()
                + "/receive"))).isEqualTo(200));
        return eventually(() -> byLoinc(orderId), m -> m.size() >= tests);
    }

    Map<String, JsonNode> byLoinc(String orderId) {
        JsonNode page = json(tech.get().uri("/api/results?orderId=" + orderId + "&size=100"));
        var map = new TreeMap<String, JsonNode>();
        page.get("items").forEach(r -> map.put(r.get("loinc").asString(), r));
        return map;
    }

    void enter(String resultId, String value) {
        tech.post().uri("/api/results/" + resultId + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", value)).retrieve().toBodilessEntity();
    }

    JsonNode result(String id) {
        return json(tech.get().uri("/api/results/" + id));
    }

    JsonNode intelligence(String id) {
        return json(tech.get().uri("/api/results/" + id + "/intelligence"));
    }

    JsonNode callFor(String resultId) {
        for (JsonNode c : json(tech.get().uri("/api/results/critical-calls"))) {
            if (c.get("resultId").asString().equals(resultId)) {
                return c;
            }
        }
        return null;
    }
}
