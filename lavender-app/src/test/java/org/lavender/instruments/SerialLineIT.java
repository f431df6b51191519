package org.lavender.instruments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.actAsAdmin;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.Orders;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patients;
import org.lavender.protocols.astm.AstmSender;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.astm.Role;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.Interpretation;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * An RS-232 ASTM analyzer on a pseudo-terminal pair made by socat (installed by .ci/run; skipped with a message
 * where socat is missing): Lavender opens one end as its serial port, the test plays the analyzer on the other
 * with LIS1-A framing, and the result is filed on the tube.
 */
@LavenderIT
class SerialLineIT {

    @Autowired Instruments instruments;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired Results results;

    private Process socat;
    private Path dir;

    @BeforeEach
    void ptyPair() throws Exception {
        assumeTrue(onPath("socat"), "socat is not installed: the serial-line test is skipped "
                + "(apt-get install socat; .ci/run installs it)");
        dir = Files.createTempDirectory("lavender-serial");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("lis"),
                "pty,raw,echo=0,link=" + dir.resolve("analyzer")).redirectErrorStream(true).start();
        eventually(() -> Files.exists(dir.resolve("lis")) && Files.exists(dir.resolve("analyzer")), ok -> ok);
        actAsAdmin();
    }

    @AfterEach
    void stop() throws Exception {
        SecurityContextHolder.clearContext();
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAstmAnalyzerOnASerialLineFilesItsResultAndAWrongLineIsRefused() throws Exception {
        Specimen tube = receivedPotassiumTube();
        Analyzer serial = instruments.create(new AnalyzerSettings("IT serial", "Generic", "CHEM",
                AnalyzerProtocol.ASTM, Transport.SERIAL, null, null, dir.resolve("lis") + "@9600,8N1", "UTF-8",
                true, true));
        eventually(() -> statusOf(serial).link(), link -> link != null && link.contains("open"));

        SerialPort analyzerEnd = SerialPort.getCommPort(dir.resolve("analyzer").toString());
        analyzerEnd.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        analyzerEnd.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        assertThat(analyzerEnd.openPort()).as("open the analyzer end of the pty pair").isTrue();
        try {
            List<LinkEvent> events = sendAstm(analyzerEnd.getInputStream(), analyzerEnd.getOutputStream(), List.of(
                    "H|\\^&|||SerialAnalyzer^1.0|||||||P|LIS2-A2|20261125120000",
                    "P|1||PID-9",
                    "O|1|" + tube.accession() + "||^^^2823-3|R",
                    "R|1|^^^2823-3|2.4|mmol/L|3.5-5.1|LL||F||||20261125115900",
                    "L|1|N"));
            assertThat(events).anyMatch(e -> e instanceof LinkEvent.TransferCompleted);
        } finally {
            analyzerEnd.closePort();
        }

        LabResult potassium = eventually(() -> potassiumOf(tube), r -> r.status() == ResultStatus.PRELIMINARY);
        assertThat(potassium.valueText()).isEqualTo("2.4");
        assertThat(potassium.interpretation()).isEqualTo(Interpretation.LL);
        assertThat(potassium.resultedBy()).isEqualTo("analyzer:IT serial");
        assertThat(instruments.recentMessages(serial.id(), 5)).singleElement()
                .satisfies(m -> assertThat(m.peer()).contains("serial").contains("9600 8N1"));

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> instruments.create(new AnalyzerSettings(
                "IT serial bad", "Generic", "CHEM", AnalyzerProtocol.ASTM, Transport.SERIAL, null, null,
                "/dev/ttyS0@12345", "UTF-8", true, true))))
                .hasMessageContaining("not a standard RS-232 rate");
    }

    private AnalyzerStatus statusOf(Analyzer analyzer) {
        return instruments.status().stream().filter(s -> s.analyzer().id() == analyzer.id()).findFirst()
                .orElseThrow();
    }

    /** Plays the instrument side of LIS1-A over the line until the transfer completes. */
    private static List<LinkEvent> sendAstm(InputStream in, OutputStream out, List<String> records)
            throws IOException {
        var sender = new AstmSender(Role.INSTRUMENT, LinkConfig.strict());
        List<LinkEvent> events = new ArrayList<>();
        LinkOutput step = sender.send(records.stream().map(r -> r.getBytes(StandardCharsets.UTF_8)).toList(),
                Instant.now());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        byte[] buffer = new byte[512];
        while (System.nanoTime() < deadline) {
            out.write(step.toSend());
            out.flush();
            events.addAll(step.events());
            if (events.stream().anyMatch(e -> e instanceof LinkEvent.TransferCompleted)) {
                return events;
            }
            try {
                int n = in.read(buffer);
                step = n > 0 ? sender.receive(Arrays.copyOf(buffer, n), Instant.now()) : sender.tick(Instant.now());
            } catch (InterruptedIOException quiet) {
                step = sender.tick(Instant.now());
            }
        }
        return events;
    }

    private Specimen receivedPotassiumTube() {
        var patient = patients.register(new NewPatient(null, "Serial", "Sam", LocalDate.of(1960, 3, 1), Sex.MALE,
                null, List.of()));
        Order order = orders.place(new NewOrder(patient.id(), List.of("K"), Priority.ROUTINE, "Dr. Test", null, null,
                "UI"));
        Specimen received = specimens.receive(specimens.forOrder(order.id()).get(0).accession());
        eventually(() -> potassiumOf(received), r -> r != null);
        return received;
    }

    private LabResult potassiumOf(Specimen tube) {
        actAsAdmin();
        return results.search(new ResultQuery(null, tube.id(), null, null, "K", null), null, 5).items().stream()
                .findFirst().orElse(null);
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
