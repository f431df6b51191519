package org.lavender.demo;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.AnalyzerSimulator;
import org.lavender.instruments.AnalyzerStatus;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.Transport;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.Sex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo's two analyzers (stable interface): "Generic HL7", an MLLP server on lavender.demo.hl7-port (2575), and
 * "Generic ASTM", an E1381 server on lavender.demo.astm-port (5001), both sending LOINC codes. With
 * lavender.demo.simulator=true a simulated analyzer measures pending demo tubes every few seconds, alternating
 * HL7 and ASTM, so results can be seen arriving in the browser.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(20)
class DemoAnalyzers implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoAnalyzers.class);
    static final String HL7 = "Generic HL7";
    static final String ASTM = "Generic ASTM";

    private final Instruments instruments;
    private final Results results;
    private final Catalog catalog;
    private final Clock clock;
    private final int hl7Port;
    private final int astmPort;
    private final boolean simulate;
    private final Duration every;
    private final Random random = new Random(2575);
    private final DemoValues values;
    private static final DemoValues.Mix MIX = new DemoValues.Mix(0, 12, 0);
    private final Set<Long> measured = new HashSet<>();
    private ScheduledExecutorService simulator;
    private boolean hl7Turn = true;

    DemoAnalyzers(Instruments instruments, Results results, Catalog catalog, Clock clock,
                  @Value("${lavender.demo.hl7-port:2575}") int hl7Port,
                  @Value("${lavender.demo.astm-port:5001}") int astmPort,
                  @Value("${lavender.demo.simulator:false}") boolean simulate,
                  @Value("${lavender.demo.simulator-interval:10s}") Duration every,
                  @Value("${lavender.results.autoverification.default-limits:}") String demoLimits) {
        this.values = DemoValues.of(demoLimits);
        this.instruments = instruments;
        this.results = results;
        this.catalog = catalog;
        this.clock = clock;
        this.hl7Port = hl7Port;
        this.astmPort = astmPort;
        this.simulate = simulate;
        this.every = every;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "demo-setup", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            ensure(new AnalyzerSettings(HL7, "Generic LOINC analyzer", null, AnalyzerProtocol.HL7,
                    Transport.TCP_SERVER, null, hl7Port, null, "UTF-8", true, true));
            ensure(new AnalyzerSettings(ASTM, "Generic LOINC analyzer", null, AnalyzerProtocol.ASTM,
                    Transport.TCP_SERVER, null, astmPort, null, "UTF-8", true, true));
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (simulate) {
            simulator = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-analyzer-simulator");
                t.setDaemon(true);
                return t;
            });
            simulator.scheduleWithFixedDelay(this::measurePendingTubes, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
            log.info("Demo analyzer simulator on: pending tubes are measured every {} s", every.toSeconds());
        }
    }

    /** Keeps the configured port the stable one when the demo is started with another port setting. */
    private void ensure(AnalyzerSettings settings) {
        Optional<Analyzer> existing = instruments.analyzerByName(settings.name());
        if (existing.isEmpty()) {
            instruments.create(settings);
        } else if (!settings.port().equals(existing.get().port())) {
            instruments.update(existing.get().id(), existing.get().version(), settings);
        }
    }

    @Override
    public void destroy() {
        if (simulator != null) {
            simulator.shutdownNow();
        }
    }

    /** Up to five tubes with pending numeric results, one message each, in catalog units. */
    private void measurePendingTubes() {
        try {
            Map<Long, List<LabResult>> byTube = new LinkedHashMap<>();
            for (LabResult r : results.search(new ResultQuery(null, null, null, null, null,
                    EnumSet.of(ResultStatus.PENDING)), null, 200).items()) {
                if (!measured.contains(r.specimenId()) && byTube.size() < 5 || byTube.containsKey(r.specimenId())) {
                    byTube.computeIfAbsent(r.specimenId(), id -> new ArrayList<>()).add(r);
                }
            }
            for (List<LabResult> tube : byTube.values()) {
                send(tube);
                measured.add(tube.get(0).specimenId());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Demo analyzer simulator: {}", e.toString());
        }
    }

    private void send(List<LabResult> tube) throws IOException {
        var measurements = new ArrayList<AnalyzerSimulator.Measurement>();
        for (LabResult r : tube) {
            if (results.calculated(r.testCode())) {
                continue;
            }
            catalog.test(r.testCode()).filter(TestDefinition::numeric).filter(t -> t.loinc() != null)
                    .ifPresent(t -> measurements.add(new AnalyzerSimulator.Measurement(t.loinc(), value(r, t),
                            t.unit() == null ? "" : t.unit())));
        }
        if (measurements.isEmpty()) {
            return;
        }
        String accession = tube.get(0).accession();
        boolean hl7 = hl7Turn;
        hl7Turn = !hl7Turn;
        int port = boundPort(hl7 ? HL7 : ASTM);
        if (hl7) {
            AnalyzerSimulator.sendHl7("localhost", port, List.of(AnalyzerSimulator.oru(accession, measurements,
                    clock.instant(), clock.getZone())), java.nio.charset.StandardCharsets.UTF_8);
        } else {
            AnalyzerSimulator.sendAstm("localhost", port, List.of(AnalyzerSimulator.astm(accession, measurements,
                    clock.instant(), clock.getZone())), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private int boundPort(String name) {
        return instruments.status().stream().filter(s -> s.analyzer().name().equals(name))
                .map(AnalyzerStatus::boundPort).filter(p -> p != null).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not listening"));
    }

    /** Mostly inside the adult interval, about one patient in eight just above it. */
    private String value(LabResult r, TestDefinition test) {
        Optional<ReferenceInterval> interval = catalog.interval(test.code(), Sex.UNKNOWN, 365L * 40);
        return values.value(r.patientId(), test, interval.map(ReferenceInterval::low).orElse(null),
                interval.map(ReferenceInterval::high).orElse(null), null, MIX, random);
    }
}
