package org.lavender.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The patient report of an order: values appear only once released, a critical potassium shows its documented
 * call with read-back, a correction shows the value it replaced, and the report's status follows the order.
 */
@LavenderIT
class ReportingIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;

    @Test
    void theReportShowsReleasedValuesTheCriticalCallAndCorrectionsNeverAnUnverifiedValue() throws Exception {
        ItSupport.ensureUser(staff, "rep-tech", Role.TECHNICIAN);
        ItSupport.ensureUser(staff, "rep-verifier", Role.VERIFIER);
        ItSupport.ensureUser(staff, "rep-doctor", Role.PHYSICIAN);
        RestClient admin = ItSupport.client(port, "admin", "admin-test-pass");
        RestClient tech = ItSupport.as(port, "rep-tech");
        RestClient verifier = ItSupport.as(port, "rep-verifier");
        RestClient doctor = ItSupport.as(port, "rep-doctor");

        long patient = json(admin.post().uri("/api/patients").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("familyName", "Żółć", "givenName", "Łucja", "birthDate", "1961-07-02", "sex", "F")))
                .get("id").asLong();
        String orderId = json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patient, "orderableCodes", List.of("K", "NA", "GLU"), "priority", "STAT",
                        "orderingProvider", "Dr. Report"))).get("id").asString();
        json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items").forEach(t -> tech.post()
                .uri("/api/specimens/" + t.get("accession").asString() + "/receive").retrieve().toBodilessEntity());
        Map<String, String> ids = eventually(() -> resultIds(tech, orderId), m -> m.size() >= 3);
        enter(tech, ids.get("2823-3"), "6.8");
        enter(tech, ids.get("2951-2"), "140");

        // Before release the report says preliminary and carries no value at all.
        String early = pdfText(doctor, orderId);
        assertThat(early).contains("Preliminary report: 3 test(s) pending").contains("ŻÓŁĆ, Łucja")
                .contains("Potassium").doesNotContain("6.8").doesNotContain("140");

        String callId = eventually(() -> callFor(tech, ids.get("2823-3")), c -> c != null);
        tech.post().uri("/api/results/critical-calls/" + callId + "/attempts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("recipient", "RN Jones, Ward 4", "contact", "x4411", "reached", true, "readBack", true))
                .retrieve().toBodilessEntity();
        verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(ids.get("2823-3"), ids.get("2951-2")))).retrieve().toBodilessEntity();

        String released = pdfText(doctor, orderId);
        assertThat(released).contains("Preliminary report: 1 test(s) pending").contains("6.8").contains("HH")
                .contains("Critical value called to RN Jones, Ward 4 (x4411) by rep-tech")
                .contains("read back confirmed").contains("140").contains("Glucose").contains("pending");

        enter(tech, ids.get("2345-7"), "95");
        verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(ids.get("2345-7")))).retrieve().toBodilessEntity();
        verifier.post().uri("/api/results/" + ids.get("2951-2") + "/correction").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "141", "reason", "transcription error")).retrieve().toBodilessEntity();

        String corrected = pdfText(doctor, orderId);
        screenshot(doctor, orderId);
        assertThat(corrected).contains("Corrected report").contains("141")
                .contains("Corrected: previously reported 140").contains("transcription error").contains("95");
        String page = doctor.get().uri("/reports/orders/" + orderId).retrieve().body(String.class);
        assertThat(page).contains("Corrected report").contains("RN Jones, Ward 4").contains("/pdf");

        assertThat(status(RestClient.create("http://localhost:" + port).get().uri("/reports/orders/" + orderId + "/pdf")))
                .isIn(302, 401);
        assertThat(status(doctor.get().uri("/reports/orders/999999999/pdf"))).isEqualTo(404);
    }

    private static String pdfText(RestClient client, String orderId) throws Exception {
        ResponseEntity<byte[]> pdf = client.get().uri("/reports/orders/" + orderId + "/pdf").retrieve()
                .toEntity(byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        try (var doc = Loader.loadPDF(pdf.getBody())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** The first page as an image in target/screenshots, for the README. */
    private static void screenshot(RestClient client, String orderId) throws Exception {
        byte[] pdf = client.get().uri("/reports/orders/" + orderId + "/pdf").retrieve().body(byte[].class);
        try (var doc = Loader.loadPDF(pdf)) {
            var image = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 100);
            java.nio.file.Path shots = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(shots);
            javax.imageio.ImageIO.write(image.getSubimage(0, 0, image.getWidth(), image.getHeight() / 2), "png",
                    shots.resolve("patient-report.png").toFile());
        }
    }

    private static void enter(RestClient tech, String resultId, String value) {
        tech.post().uri("/api/results/" + resultId + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", value)).retrieve().toBodilessEntity();
    }

    private static Map<String, String> resultIds(RestClient client, String orderId) {
        var map = new TreeMap<String, String>();
        json(client.get().uri("/api/results?orderId=" + orderId + "&size=100")).get("items")
                .forEach(r -> map.put(r.get("loinc").asString(), r.get("id").asString()));
        return map;
    }

    private static String callFor(RestClient client, String resultId) {
        List<String> found = new ArrayList<>();
        json(client.get().uri("/api/results/critical-calls")).forEach(c -> {
            if (c.get("resultId").asString().equals(resultId)) {
                found.add(c.get("id").asString());
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }

}
