package org.lavender.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.actAsAdmin;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditLog;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.protocols.astm.AstmLink;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.astm.Role;
import org.lavender.shared.ConflictException;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Order push over real sockets: a fake analyzer listens for MLLP (accepting any number of connections, as Lavender
 * also connects to it to receive results); receiving a tube sends it an OML^O21 with its own codes; its AA makes
 * the message SENT, its AE makes it FAILED with the reason until resent; an analyzer that is down at first gets
 * the message once it is up.
 */
@LavenderIT
class OrderPushIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired AuditLog audit;
    @Autowired Instruments instruments;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;

    private final List<FakeAnalyzer> fakes = new ArrayList<>();
    private final List<Analyzer> pushing = new ArrayList<>();

    @AfterEach
    void stopPushing() throws IOException {
        actAsAdmin();
        // Later tests' tubes must not be pushed to analyzers that are gone.
        for (Analyzer a : pushing) {
            Analyzer now = instruments.analyzer(a.id()).orElseThrow();
            instruments.update(a.id(), now.version(), new AnalyzerSettings(now.name(), now.model(), now.section(),
                    now.protocol(), now.transport(), now.host(), now.port(), null, now.encoding(), now.loincCodes(),
                    false, false));
        }
        for (FakeAnalyzer fake : fakes) {
            fake.close();
        }
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReceivedTubeIsPushedInTheAnalyzersCodesAndSentOnItsAa() throws Exception {
        FakeAnalyzer fake = start(new ServerSocket(0));
        Analyzer analyzer = pushingAnalyzer("IT push c311", fake.port());

        Specimen tube = receivedPotassiumTube("O'Hara|Smith^Jr", "Ann~Marie\\&Co");

        String oml = eventually(() -> fake.received(tube.accession()), m -> m != null);
        String[] segments = oml.split("\r");
        assertThat(segments[0]).contains("|OML^O21^OML_O21|").endsWith("|P|2.5.1|||AL|NE");
        assertThat(segments[1]).contains("|O'Hara\\F\\Smith\\S\\Jr^Ann\\R\\Marie\\E\\\\T\\Co|");
        assertThat(segments[2]).startsWith("ORC|NW|" + tube.accession() + "|");
        assertThat(segments[3]).startsWith("OBR|1|" + tube.accession() + "||KPLUS|R");
        assertThat(segments[4]).startsWith("SPM|1|" + tube.accession() + "||");
        assertThat(segments).hasSize(5);

        OutboundOrder sent = eventually(() -> outbound(analyzer, tube), o -> o != null
                && o.state() == OutboundState.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.protocol()).isEqualTo(AnalyzerProtocol.HL7);
        assertThat(sent.ackText(StandardCharsets.UTF_8)).contains("MSA|AA|" + sent.controlId());
        assertThat(sent.reason()).isNull();
    }

    @Test
    void anOlderAnalyzerGetsItsOrderAsOrmAndItIsSentOnItsAa() throws Exception {
        FakeAnalyzer fake = start(new ServerSocket(0));
        actAsAdmin();
        Analyzer analyzer = instruments.create(new AnalyzerSettings("IT push ORM", "Fake", "CHEM",
                AnalyzerProtocol.HL7, Transport.TCP_CLIENT, "127.0.0.1", fake.port(), null, "UTF-8", false, true,
                true, SpecimenIdField.AUTO, OrderMessageType.ORM_O01));
        instruments.map(analyzer.id(), new CodeMapping("KPLUS", "K", null, null));
        pushing.add(analyzer);
        assertThat(analyzer.describe()).contains("orders as ORM^O01");

        Specimen tube = receivedPotassiumTube("Orm", "Olga");

        String orm = eventually(() -> fake.received(tube.accession()), m -> m != null);
        assertThat(orm.split("\r")[0]).contains("|ORM^O01|").contains("|P|2.3.1|");
        assertThat(orm).contains("OBR|1|" + tube.accession() + "||KPLUS|R").doesNotContain("SPM|");
        assertThat(eventually(() -> outbound(analyzer, tube), o -> o != null && o.state() == OutboundState.SENT)
                .attempts()).isEqualTo(1);
        // ORM^O01 is an HL7 message: an ASTM analyzer cannot be set to it.
        assertThatThrownBy(() -> instruments.create(new AnalyzerSettings("IT push ORM ASTM", "Fake", "CHEM",
                AnalyzerProtocol.ASTM, Transport.TCP_SERVER, null, 0, null, "UTF-8", false, true, true,
                SpecimenIdField.AUTO, OrderMessageType.ORM_O01))).hasMessageContaining("ORM^O01 is an HL7 message");
    }

    @Test
    void anAnalyzerDownAtFirstGetsTheOrderOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Analyzer analyzer = pushingAnalyzer("IT push later", port);

        Specimen tube = receivedPotassiumTube("Later", "Lee");

        OutboundOrder waiting = eventually(() -> outbound(analyzer, tube), o -> o != null && o.attempts() >= 2);
        assertThat(waiting.state()).isEqualTo(OutboundState.QUEUED);
        assertThat(waiting.reason()).contains("cannot deliver to 127.0.0.1:" + port);
        assertThat(waiting.nextAttemptAt()).isAfter(waiting.updatedAt());

        FakeAnalyzer fake = start(new ServerSocket(port));
        OutboundOrder sent = eventually(() -> outbound(analyzer, tube), o -> o.state() == OutboundState.SENT);
        assertThat(sent.attempts()).isGreaterThan(waiting.attempts());
        assertThat(fake.received(tube.accession())).contains("OBR|1|" + tube.accession() + "||KPLUS|");
    }

    @Test
    void anAnalyzerRefusingTheOrderLeavesItFailedWithItsReasonUntilResent() throws Exception {
        FakeAnalyzer fake = start(new ServerSocket(0));
        fake.refuseWith = "Unknown test KPLUS";
        Analyzer analyzer = pushingAnalyzer("IT push refusing", fake.port());

        Specimen tube = receivedPotassiumTube("Refused", "Rae");

        OutboundOrder failed = eventually(() -> outbound(analyzer, tube), o -> o != null
                && o.state() == OutboundState.FAILED);
        assertThat(failed.reason()).isEqualTo("AE: Unknown test KPLUS");
        assertThat(failed.ackText(StandardCharsets.UTF_8)).contains("MSA|AE|");

        Browser admin = signIn();
        String page = admin.get("/instruments/" + analyzer.id()).getBody();
        assertThat(page).contains("Orders pushed", tube.accession(), "AE: Unknown test KPLUS",
                "/instruments/outbound/" + failed.id() + "/resend");

        fake.refuseWith = null;
        ResponseEntity<String> resend = admin.post("/instruments/outbound/" + failed.id() + "/resend", form(),
                "/instruments/" + analyzer.id());
        assertThat(resend.getHeaders().getLocation()).hasToString("http://localhost:" + port + "/instruments/"
                + analyzer.id() + "#outbound");
        OutboundOrder sent = eventually(() -> outbound(analyzer, tube), o -> o.state() == OutboundState.SENT);
        assertThat(sent.ackText(StandardCharsets.UTF_8)).contains("MSA|AA|");
        assertThat(fake.messages).filteredOn(m -> m.contains("|" + tube.accession() + "|")).hasSize(2);
        actAsAdmin();
        assertThat(audit.history("analyzer-order", Long.toString(failed.id()))).singleElement()
                .satisfies(e -> assertThat(e.newValue()).isEqualTo("QUEUED"));
        // A message that went through is not sent again by hand.
        assertThatThrownBy(() -> instruments.resend(failed.id())).isInstanceOf(ConflictException.class);
    }

    @Test
    void anAstmAnalyzerGetsTheOrderOverItsLinkAndItIsSentOnceEveryFrameIsAcknowledged() throws Exception {
        Analyzer astm = pushingAstmAnalyzer("IT push ASTM");
        Specimen tube = receivedPotassiumTube("Astm", "Ada");
        OutboundOrder queued = eventually(() -> outbound(astm, tube), o -> o != null);
        assertThat(queued.protocol()).isEqualTo(AnalyzerProtocol.ASTM);
        assertThat(queued.state()).isEqualTo(OutboundState.QUEUED);

        // The analyzer connects (Lavender is the TCP server); Lavender bids for the idle line and sends the order.
        List<String> records = receiveOverLis1a(astm);

        assertThat(records).hasSize(4);
        assertThat(records.get(0)).startsWith("H|\\^&|");
        assertThat(records.get(1)).startsWith("P|1|");
        assertThat(records.get(2)).startsWith("O|1|" + tube.accession() + "||^^^KPLUS|R|");
        assertThat(records.get(3)).startsWith("L|1|");
        OutboundOrder sent = eventually(() -> outbound(astm, tube), o -> o.state() == OutboundState.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.reason()).isNull();
    }

    @Test
    void anAstmTransferWhoseFramesAreRefusedSixTimesIsTriedAgainAndThenDelivered() throws Exception {
        Analyzer astm = pushingAstmAnalyzer("IT push ASTM refusing");
        Specimen tube = receivedPotassiumTube("Astm", "Nak");
        eventually(() -> outbound(astm, tube), o -> o != null);

        int naks = 0;
        try (Socket socket = connect(astm)) {
            socket.setSoTimeout(20_000);
            var in = socket.getInputStream();
            var out = socket.getOutputStream();
            for (int b = in.read(); b >= 0 && b != 0x04; b = in.read()) {
                if (b == 0x05) {
                    out.write(0x06);
                } else if (b == 0x0A) {
                    naks++;
                    out.write(0x15);
                }
                out.flush();
            }
        }

        // LIS1-A 8.3.5: six tries of the frame, then the sender gives the message up with EOT; it is queued again.
        assertThat(naks).isEqualTo(6);
        OutboundOrder failed = eventually(() -> outbound(astm, tube), o -> o.attempts() == 1);
        assertThat(failed.state()).isEqualTo(OutboundState.QUEUED);
        assertThat(failed.reason()).contains("RETRIES_EXHAUSTED");

        assertThat(receiveOverLis1a(astm)).anySatisfy(r -> assertThat(r).startsWith("O|1|" + tube.accession()));
        OutboundOrder sent = eventually(() -> outbound(astm, tube), o -> o.state() == OutboundState.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
    }

    private Analyzer pushingAstmAnalyzer(String name) {
        actAsAdmin();
        Analyzer astm = instruments.create(new AnalyzerSettings(name, "Fake", "CHEM", AnalyzerProtocol.ASTM,
                Transport.TCP_SERVER, null, 0, null, "UTF-8", false, true, true));
        instruments.map(astm.id(), new CodeMapping("KPLUS", "K", null, null));
        pushing.add(astm);
        return astm;
    }

    private Socket connect(Analyzer analyzer) throws IOException {
        Integer bound = eventually(() -> instruments.status().stream()
                .filter(s -> s.analyzer().id() == analyzer.id()).findFirst().orElseThrow().boundPort(),
                p -> p != null && p > 0);
        return new Socket("127.0.0.1", bound);
    }

    /** Connects as the analyzer and receives one transfer over LIS1-A (ACKing each good frame); its records. */
    private List<String> receiveOverLis1a(Analyzer analyzer) throws Exception {
        var link = new AstmLink(Role.INSTRUMENT, LinkConfig.strict());
        var records = new ArrayList<String>();
        try (Socket socket = connect(analyzer)) {
            socket.setSoTimeout(100);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            byte[] buffer = new byte[1024];
            boolean done = false;
            while (!done && System.nanoTime() < deadline) {
                LinkOutput out;
                try {
                    int n = socket.getInputStream().read(buffer);
                    out = n < 0 ? link.tick(Instant.now()) : link.receive(Arrays.copyOf(buffer, n), Instant.now());
                } catch (SocketTimeoutException e) {
                    out = link.tick(Instant.now());
                }
                socket.getOutputStream().write(out.toSend());
                socket.getOutputStream().flush();
                for (LinkEvent e : out.events()) {
                    if (e instanceof LinkEvent.RecordReceived r) {
                        records.add(r.text(StandardCharsets.UTF_8));
                    }
                    done |= e instanceof LinkEvent.Terminated && !records.isEmpty();
                }
            }
        }
        return records;
    }

    @Test
    void anHl7AnalyzerThatConnectsToLavenderGetsTheOrderOnItsConnectionAndItIsSentOnItsAa() throws Exception {
        Analyzer hl7 = pushingHl7ServerAnalyzer("IT push HL7 server");
        Specimen tube = receivedPotassiumTube("Server", "Ada");
        assertThat(eventually(() -> outbound(hl7, tube), o -> o != null).state()).isEqualTo(OutboundState.QUEUED);

        try (Socket socket = connect(hl7)) {
            socket.setSoTimeout(20_000);
            // The analyzer's own messages still go in and are acknowledged on the same connection (the order may
            // come before or after that ACK).
            write(socket, "MSH|^~\\&|FAKE|LAB|LAVENDER|LAB|20261207101500||ESU^U01^ESU_U01|ST-1|P|2.5.1\r"
                    + "EQU|1|20261207101500\r");
            List<String> fromLavender = List.of(readFramed(socket), readFramed(socket));
            assertThat(fromLavender).anySatisfy(m -> assertThat(m).contains("MSA|AA|ST-1"));
            String oml = fromLavender.stream().filter(m -> m.contains("OML^O21")).findFirst().orElseThrow();
            assertThat(oml).contains("|OML^O21^OML_O21|").contains("ORC|NW|" + tube.accession() + "|")
                    .contains("OBR|1|" + tube.accession() + "||KPLUS|R");
            String controlId = oml.split("\r")[0].split("\\|")[9];
            // Still waiting: the order is not marked sent before the analyzer says so.
            assertThat(outbound(hl7, tube).state()).isEqualTo(OutboundState.QUEUED);
            write(socket, "MSH|^~\\&|FAKE|LAB|LAVENDER|LAB|20261207101501||ACK^O21^ACK|A-" + controlId + "|P|2.5.1\r"
                    + "MSA|AA|" + controlId + "\r");

            OutboundOrder sent = eventually(() -> outbound(hl7, tube), o -> o.state() == OutboundState.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(sent.ackText(StandardCharsets.UTF_8)).contains("MSA|AA|" + controlId);
        }
    }

    @Test
    void anHl7AnalyzerOnItsOwnConnectionRefusesOrStaysSilentAndTheOrderIsFailedOrTriedAgain() throws Exception {
        Analyzer hl7 = pushingHl7ServerAnalyzer("IT push HL7 server refusing");
        Specimen refusedTube = receivedPotassiumTube("Server", "Refused");
        eventually(() -> outbound(hl7, refusedTube), o -> o != null);
        try (Socket socket = connect(hl7)) {
            socket.setSoTimeout(20_000);
            String oml = readFramed(socket);
            String controlId = oml.split("\r")[0].split("\\|")[9];
            write(socket, "MSH|^~\\&|FAKE|LAB|LAVENDER|LAB|20261207101501||ACK^O21^ACK|R-" + controlId + "|P|2.5.1\r"
                    + "MSA|AE|" + controlId + "\rERR||||E||||test KPLUS not configured\r");
            OutboundOrder failed = eventually(() -> outbound(hl7, refusedTube),
                    o -> o.state() == OutboundState.FAILED);
            assertThat(failed.reason()).isEqualTo("AE: test KPLUS not configured");
        }

        // A connection that ends before the ACK leaves the order to be tried again (later, with backoff).
        Specimen silentTube = receivedPotassiumTube("Server", "Silent");
        eventually(() -> outbound(hl7, silentTube), o -> o != null);
        try (Socket socket = connect(hl7)) {
            socket.setSoTimeout(20_000);
            assertThat(readFramed(socket)).contains("ORC|NW|" + silentTube.accession() + "|");
        }
        OutboundOrder retried = eventually(() -> outbound(hl7, silentTube), o -> o.attempts() == 1);
        assertThat(retried.state()).isEqualTo(OutboundState.QUEUED);
        assertThat(retried.reason()).contains("connection ended before the analyzer acknowledged it");

        // An analyzer taken out of service does not keep orders waiting for a connection that will not come.
        Analyzer now = instruments.analyzer(hl7.id()).orElseThrow();
        instruments.update(now.id(), now.version(), new AnalyzerSettings(now.name(), now.model(), now.section(),
                now.protocol(), now.transport(), now.host(), now.port(), null, now.encoding(), now.loincCodes(),
                false, true));
        OutboundOrder failed = eventually(() -> outbound(hl7, silentTube), o -> o.state() == OutboundState.FAILED);
        assertThat(failed.reason()).contains("inactive");
    }

    @Test
    void orderPushIsAllowedOverEveryTransportAndTheFormShowsWhereTheAccessionIsRead() {
        Browser admin = signIn();
        String page = admin.post("/instruments", form("name", "IT push form", "section", "CHEM",
                "protocol", "HL7", "transport", "TCP_SERVER", "port", "x", "encoding", "UTF-8", "active", "true",
                "pushOrders", "true"), "/instruments/new").getBody();
        assertThat(page).contains("&#39;x&#39; is not a port number")
                .contains("<option value=\"OBR_2\">OBR-2 (placer order number)</option>");
        // Where the accession is read must be a field of the analyzer's protocol; a made-up one is refused too.
        assertThat(admin.post("/instruments", form("name", "IT push server", "protocol", "HL7", "transport",
                "TCP_SERVER", "port", "0", "encoding", "UTF-8", "active", "true", "specimenIdField", "O_4"),
                "/instruments/new").getBody()).contains("O-4 is not a field of HL7 messages");
        assertThat(admin.post("/instruments", form("name", "IT push server", "protocol", "HL7", "transport",
                "TCP_SERVER", "port", "0", "encoding", "UTF-8", "active", "true", "specimenIdField", "PID-3<b>"),
                "/instruments/new").getBody()).contains("Choose the field in which the analyzer sends the tube")
                .doesNotContain("PID-3<b>");
        assertThat(admin.post("/instruments", form("name", "IT push form", "section", "CHEM", "protocol", "HL7",
                "transport", "TCP_SERVER", "port", "0", "encoding", "UTF-8", "active", "true", "pushOrders", "true"),
                "/instruments/new").getStatusCode().value()).isEqualTo(302);
        actAsAdmin();
        Analyzer created = instruments.analyzerByName("IT push form").orElseThrow();
        assertThat(created.pushOrders()).isTrue();
        pushing.add(created);
    }

    private Analyzer pushingHl7ServerAnalyzer(String name) {
        actAsAdmin();
        Analyzer hl7 = instruments.create(new AnalyzerSettings(name, "Fake", "CHEM", AnalyzerProtocol.HL7,
                Transport.TCP_SERVER, null, 0, null, "UTF-8", false, true, true));
        instruments.map(hl7.id(), new CodeMapping("KPLUS", "K", null, null));
        pushing.add(hl7);
        return hl7;
    }

    private static void write(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(org.lavender.protocols.mllp.MllpEncoder.encode(
                message.getBytes(StandardCharsets.UTF_8)));
        socket.getOutputStream().flush();
    }

    /** The next MLLP-framed message Lavender sends on this connection. */
    private static String readFramed(Socket socket) throws IOException {
        var decoder = new org.lavender.protocols.mllp.MllpDecoder(1 << 20);
        var in = socket.getInputStream();
        byte[] buffer = new byte[1];
        while (in.read(buffer) == 1) {
            for (var event : decoder.decode(buffer)) {
                if (event instanceof org.lavender.protocols.mllp.MllpEvent.Message m) {
                    return new String(m.payload(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("connection closed before a whole message");
    }

    private Browser signIn() {
        Browser b = new Browser(RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build()))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
                .build());
        ResponseEntity<String> login = b.post("/login", form("username", "admin", "password", "admin-test-pass"),
                "/login");
        assertThat(login.getHeaders().getLocation()).hasToString("http://localhost:" + port + "/");
        return b;
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        var map = new LinkedMultiValueMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A signed-in browser session: cookies kept, the CSRF token taken from the page the form is on. */
    private record Browser(RestClient http) {

        ResponseEntity<String> get(String path) {
            return http.get().uri(path).retrieve().toEntity(String.class);
        }

        ResponseEntity<String> post(String path, MultiValueMap<String, String> form, String formPage) {
            Matcher m = CSRF.matcher(get(formPage).getBody());
            assertThat(m.find()).as("CSRF token on " + formPage).isTrue();
            form.add("_csrf", m.group(1));
            return http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
                    .toEntity(String.class);
        }
    }

    private Analyzer pushingAnalyzer(String name, int port) {
        actAsAdmin();
        Analyzer analyzer = instruments.create(new AnalyzerSettings(name, "Fake", "CHEM", AnalyzerProtocol.HL7,
                Transport.TCP_CLIENT, "127.0.0.1", port, null, "UTF-8", false, true, true));
        instruments.map(analyzer.id(), new CodeMapping("KPLUS", "K", null, null));
        pushing.add(analyzer);
        assertThat(analyzer.pushOrders()).isTrue();
        return analyzer;
    }

    private OutboundOrder outbound(Analyzer analyzer, Specimen tube) {
        return instruments.outboundOrders(analyzer.id(), 50).stream()
                .filter(o -> o.accession().equals(tube.accession())).findFirst().orElse(null);
    }

    private Specimen receivedPotassiumTube(String family, String given) {
        actAsAdmin();
        return specimens.receive(new PotassiumTubes(patients, orders, specimens, null).ordered(family, given)
                .accession());
    }

    private FakeAnalyzer start(ServerSocket server) {
        FakeAnalyzer fake = new FakeAnalyzer(server);
        fakes.add(fake);
        daemon("fake-analyzer", fake::accept);
        return fake;
    }

    /** An analyzer's MLLP listener: every message is kept and answered with AA (or AE while refusing). */
    private static final class FakeAnalyzer {
        final ServerSocket server;
        final List<String> messages = new CopyOnWriteArrayList<>();
        volatile String refuseWith;

        FakeAnalyzer(ServerSocket server) {
            this.server = server;
        }

        int port() {
            return server.getLocalPort();
        }

        /** The order message for the tube: SPM-2 (OML^O21) or OBR-2 (ORM^O01) carries its accession. */
        String received(String accession) {
            return messages.stream().filter(m -> m.contains("SPM|1|" + accession + "|")
                    || m.contains("|ORM^O01|") && m.contains("OBR|1|" + accession + "|")).findFirst().orElse(null);
        }

        void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    daemon("fake-analyzer-connection", () -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                var frame = new ByteArrayOutputStream();
                int b;
                boolean inFrame = false;
                while ((b = in.read()) != -1) {
                    if (b == 0x0B) {
                        inFrame = true;
                        frame.reset();
                    } else if (b == 0x1C && inFrame) {
                        in.read();
                        inFrame = false;
                        String message = frame.toString(StandardCharsets.UTF_8);
                        messages.add(message);
                        out.write(frame(ack(message)));
                        out.flush();
                    } else if (inFrame) {
                        frame.write(b);
                    }
                }
            } catch (SocketException e) {
                // closed by the test
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String ack(String message) {
            String controlId = message.split("\r")[0].split("\\|")[9];
            String reason = refuseWith;
            return "MSH|^~\\&|FAKE|LAB|LAVENDER|LAB|20261125101500||ACK^O21^ACK|A" + controlId + "|P|2.5.1\r"
                    + (reason == null ? "MSA|AA|" + controlId + "\r"
                    : "MSA|AE|" + controlId + "\rERR|||103^Table value not found^HL70357|E||||" + reason + "\r");
        }

        private static byte[] frame(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] framed = new byte[payload.length + 3];
            framed[0] = 0x0B;
            System.arraycopy(payload, 0, framed, 1, payload.length);
            framed[payload.length + 1] = 0x1C;
            framed[payload.length + 2] = 0x0D;
            return framed;
        }

        void close() throws IOException {
            server.close();
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }
}
