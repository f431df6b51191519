package org.lavender.instruments;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lavender.protocols.mllp.MllpEncoder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Fault tolerance: the packaged application is killed with SIGKILL in the middle of an MLLP stream, restarted on
 * the same database, and the sender resends everything it got no ACK for. Every acknowledged message must be
 * stored and filed, and none filed twice. Runs the real jar as a child process (so it needs {@code package}
 * first, as {@code verify} does); the message count is {@code -Dlavender.fault.messages} (10,000).
 */
class InstrumentsFaultIT {

    private static final String ADMIN_PASSWORD = "fault-admin-pass";

    private EmbeddedPostgres postgres;
    private Process app;
    private String accession;

    @AfterEach
    void stop() throws IOException {
        if (app != null) {
            app.destroyForcibly();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillAndIsFiledExactlyOnce() throws Exception {
        int total = Integer.getInteger("lavender.fault.messages", 10_000);
        postgres = EmbeddedPostgres.builder().start();
        JdbcTemplate db = new JdbcTemplate(postgres.getPostgresDatabase());
        int http = freePort();
        int hl7 = freePort();
        app = start(http, hl7, 1);
        accession = receivedPotassiumTube(http);

        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        Thread sender = new Thread(() -> send(hl7, total, next, acked));
        sender.start();
        while (acked.size() < total / 3 && sender.isAlive()) {
            Thread.sleep(20);
        }
        app.destroyForcibly().waitFor();
        sender.join();
        int ackedBeforeKill = acked.size();
        assertThat(next.get()).as("the stream was cut in the middle").isLessThan(total);

        app = start(http, hl7, 2);
        send(hl7, total, next, acked);
        assertThat(acked).hasSize(total);

        // Every acknowledged control id is stored once as an original (repeats are DUPLICATE rows).
        List<String> keys = db.queryForList("select dedup_key from instruments.raw_message where dedup_key like"
                + " 'hl7:FAULT|%'", String.class);
        assertThat(keys).hasSize(total).doesNotHaveDuplicates();
        // ... and filed: one observation per message, all filed (after the queue and the sweep caught up).
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long open;
        do {
            Thread.sleep(500);
            open = db.queryForObject("select count(*) from instruments.raw_message m where m.dedup_key like"
                    + " 'hl7:FAULT|%' and m.state <> 'FILED'", Long.class);
        } while (open > 0 && System.nanoTime() < deadline);
        assertThat(open).as("messages not filed").isZero();
        assertThat(db.queryForObject("select count(*) from instruments.observation o join instruments.raw_message m"
                + " on m.id = o.raw_message_id where m.dedup_key like 'hl7:FAULT|%' and o.state = 'FILED'", Long.class))
                .isEqualTo(total);
        // None filed twice: the results module recorded each message's value at most once.
        assertThat(db.queryForList("select reason from audit.entry where reason like 'sent by analyzer Generic HL7%'"
                + " group by reason having count(*) > 1", String.class)).isEmpty();
        System.out.printf("Fault IT: %d messages, %d acknowledged before kill -9, %d duplicates after resend%n",
                total, ackedBeforeKill, db.queryForObject("select count(*) from instruments.raw_message"
                        + " where state = 'DUPLICATE'", Long.class));
    }

    /** Sends messages from {@code next} on; stops at the first broken connection, leaving {@code next} unsent. */
    private void send(int port, int total, AtomicInteger next, Set<Integer> acked) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            var out = new BufferedOutputStream(socket.getOutputStream());
            var in = new BufferedInputStream(socket.getInputStream());
            while (next.get() < total) {
                int i = next.get();
                out.write(MllpEncoder.encode(message(i).getBytes(StandardCharsets.UTF_8)));
                out.flush();
                var ack = new StringBuilder();
                int previous = -1;
                for (int b = in.read(); ; b = in.read()) {
                    if (b < 0) {
                        return;
                    }
                    if (previous == 0x1C && b == 0x0D) {
                        break;
                    }
                    ack.append((char) b);
                    previous = b;
                }
                assertThat(ack).contains("MSA|AA|F-" + i);
                acked.add(i);
                next.incrementAndGet();
            }
        } catch (IOException broken) {
            // The application was killed; what was not acknowledged is sent again after the restart.
        }
    }

    private String message(int i) {
        return "MSH|^~\\&|FAULT|LAB|LAVENDER|LAB|20261125101500||ORU^R01^ORU_R01|F-" + i + "|P|2.5.1\r"
                + "PID|1\rOBR|1||" + accession + "|2823-3^Potassium^LN\r"
                + "OBX|1|NM|2823-3^Potassium^LN||" + (i % 2 == 0 ? "4.1" : "4.2") + "|mmol/L|||||F\r";
    }

    private String receivedPotassiumTube(int http) {
        RestClient admin = admin(http);
        MediaType fhir = MediaType.parseMediaType("application/fhir+json");
        String patient = admin.post().uri("/fhir/Patient").contentType(fhir).body("""
                {"resourceType":"Patient","name":[{"family":"Fault","given":["Frida"]}],"gender":"female",
                 "birthDate":"1970-01-01"}""").retrieve().body(JsonNode.class).get("id").asString();
        String request = admin.post().uri("/fhir/ServiceRequest").contentType(fhir).body("""
                {"resourceType":"ServiceRequest","status":"active","intent":"order",
                 "code":{"coding":[{"system":"http://loinc.org","code":"2823-3"}]},
                 "subject":{"reference":"Patient/%s"},"requester":{"display":"Dr. Fault"}}""".formatted(patient)).retrieve().body(JsonNode.class)
                .get("id").asString();
        String received = admin.get().uri("/fhir/Specimen?request=ServiceRequest/" + request).retrieve()
                .body(JsonNode.class).get("entry").get(0).get("resource").get("accessionIdentifier").get("value")
                .asString();
        admin.post().uri("/api/specimens/" + received + "/receive").retrieve().toBodilessEntity();
        return received;
    }

    private Process start(int http, int hl7, int run) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("lavender-app-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run 'package' first: no lavender-app jar in target"));
        }
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar",
                jar.toString(), "--spring.profiles.active=demo", "--server.port=" + http,
                "--lavender.demo.patients=0", "--lavender.demo.simulator=false", "--lavender.demo.hl7-port=" + hl7,
                "--lavender.demo.astm-port=0", "--logging.level.root=WARN",
                "--logging.level.org.lavender.staff=INFO",
                // Every message re-runs the same potassium; autoverification would release the first one and
                // rightly refuse the re-runs of a released result, so it stays off here.
                "--lavender.results.autoverification.default-sections=");
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/fault-app-" + run + ".log"));
        builder.environment().put("SPRING_DATASOURCE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        builder.environment().put("LAVENDER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process process = builder.start();
        // Ready = the HL7 port is open AND the admin can sign in over HTTP (runners such as the first-admin one
        // finish after the web server is up, so an open port alone does not mean the accounts exist yet).
        RestClient admin = admin(http);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application stopped:\n" + logTail(run));
            }
            try (Socket probe = new Socket("127.0.0.1", hl7)) {
                lastStatus = admin.get().uri("/instruments/status").retrieve()
                        .onStatus(s -> true, (req, res) -> { }).toBodilessEntity().getStatusCode().value();
                if (lastStatus == 200) {
                    return process;
                }
            } catch (IOException | org.springframework.web.client.ResourceAccessException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the application was not ready within 180 s (admin sign-in answered "
                + lastStatus + "):\n" + logTail(run));
    }

    private static String logTail(int run) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("target/fault-app-" + run + ".log"));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static RestClient admin(int http) {
        return RestClient.builder().baseUrl("http://localhost:" + http)
                .defaultHeaders(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
