package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The worklists live in a table of their own (results.open_result), kept by the database from every statement that
 * writes a result: through a result's whole life (received, entered, sent back to the bench, entered again,
 * verified; a tube rejected) the table holds exactly the results waiting for a value or a verification, and the
 * worklist and the search by status show what it holds.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenResultsIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transactions;

    private Bench lab;
    private RestClient tech;

    @BeforeAll
    void setUp() {
        ItSupport.ensureUser(staff, "open-tech", Role.TECHNICIAN);
        ItSupport.ensureUser(staff, "open-verifier", Role.VERIFIER);
        tech = ItSupport.as(port, "open-tech");
        lab = new Bench(ItSupport.client(port, "admin", "admin-test-pass"), tech);
    }

    @Test
    void aResultIsOnTheWorklistExactlyWhileItWaitsForAValueOrAVerification() {
        JsonNode order = lab.order(lab.patient("1961-06-01", "M"), "GLU");
        Map<String, JsonNode> bench = lab.receive(order, 1);
        String glucose = bench.get("2345-7").get("id").asString();
        String accession = bench.get("2345-7").get("accession").asString();
        assertThat(openStatus(glucose)).isEqualTo("PENDING");
        assertThat(searchByStatus("PENDING", order)).containsExactly(glucose);
        assertThat(tech.get().uri("/results/worklist?section=CHEM").retrieve().body(String.class)).contains(accession);
        assertTableMatchesResults();

        lab.enter(glucose, "612");
        assertThat(lab.result(glucose).get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(openStatus(glucose)).isEqualTo("PRELIMINARY");
        assertThat(searchByStatus("PENDING", order)).isEmpty();
        assertThat(searchByStatus("PRELIMINARY", order)).containsExactly(glucose);
        assertTableMatchesResults();

        assertThat(status(tech.post().uri("/api/results/" + glucose + "/rerun").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "RERUN")))).isEqualTo(200);
        assertThat(openStatus(glucose)).isEqualTo("PENDING");
        assertTableMatchesResults();

        lab.enter(glucose, "598");
        assertThat(openStatus(glucose)).isEqualTo("PRELIMINARY");
        ItSupport.as(port, "open-verifier").post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(glucose))).retrieve().toBodilessEntity();
        assertThat(lab.result(glucose).get("status").asString()).isEqualTo("FINAL");
        assertThat(openStatus(glucose)).isNull();
        assertThat(searchByStatus("PRELIMINARY", order)).isEmpty();
        // Released and open statuses together: the search does not go through the worklist table.
        assertThat(searchByStatus("PENDING&status=FINAL", order)).containsExactly(glucose);
        assertTableMatchesResults();
    }

    @Test
    void theResultsOfARejectedTubeLeaveTheWorklist() {
        JsonNode order = lab.order(lab.patient("1962-07-02", "F"), "GLU");
        JsonNode pending = lab.receive(order, 1).get("2345-7");
        String glucose = pending.get("id").asString();
        assertThat(openStatus(glucose)).isEqualTo("PENDING");
        assertThat(status(tech.post().uri("/api/specimens/" + pending.get("accession").asString() + "/reject")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "HEMOLYZED")))).isEqualTo(200);
        eventually(() -> lab.result(glucose).get("status").asString(), "CANCELLED"::equals);
        assertThat(openStatus(glucose)).isNull();
        assertTableMatchesResults();
    }

    @Test
    void everyWayOfWritingAResultKeepsTheTableTrue() {
        JsonNode order = lab.order(lab.patient("1963-08-03", "M"), "GLU");
        long glucose = lab.receive(order, 1).get("2345-7").get("id").asLong();
        // Changes no code path makes today (a priority raised, a row deleted) are followed all the same; rolled back.
        transactions.executeWithoutResult(tx -> {
            jdbc.update("update results.result set priority_rank = 0, section = 'HEME' where id = ?", glucose);
            assertThat(jdbc.queryForMap("select section, priority_rank from results.open_result where result_id = ?",
                    glucose)).containsEntry("section", "HEME").containsEntry("priority_rank", 0);
            jdbc.update("update results.result set comment = 'no change to the worklist' where id = ?", glucose);
            assertTableMatchesResults();
            jdbc.update("delete from results.rule_evaluation where result_id = ?", glucose);
            jdbc.update("delete from results.result where id = ?", glucose);
            assertThat(openStatus(String.valueOf(glucose))).isNull();
            assertTableMatchesResults();
            tx.setRollbackOnly();
        });
        assertThat(openStatus(String.valueOf(glucose))).isEqualTo("PENDING");
        // Only open statuses belong in the table.
        assertThatThrownBy(() -> jdbc.update(
                "insert into results.open_result values (-1, 'CHEM', 'FINAL', 2, now(), -1)"))
                .hasMessageContaining("open_result_status_check");
    }

    private String openStatus(String resultId) {
        return jdbc.query("select status from results.open_result where result_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, Long.parseLong(resultId));
    }

    private List<String> searchByStatus(String status, JsonNode order) {
        JsonNode page = json(tech.get().uri("/api/results?orderId=" + order.get("id").asString()
                + "&status=" + status));
        var ids = new java.util.ArrayList<String>();
        page.get("items").forEach(r -> ids.add(r.get("id").asString()));
        return ids;
    }

    /** The table holds the open results of the whole database, no more, no fewer, with their worklist columns. */
    private void assertTableMatchesResults() {
        String open = "select id, section, status, priority_rank, received_at, specimen_id from results.result"
                + " where status in ('PENDING', 'PRELIMINARY')";
        String table = "select result_id, section, status, priority_rank, received_at, specimen_id"
                + " from results.open_result";
        assertThat(jdbc.queryForObject("select count(*) from ((" + open + " except all " + table + ") union all ("
                + table + " except all " + open + ")) difference", Long.class)).isZero();
    }
}
