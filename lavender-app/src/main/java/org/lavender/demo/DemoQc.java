package org.lavender.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.AnalyzerSimulator;
import org.lavender.instruments.AnalyzerStatus;
import org.lavender.instruments.Instruments;
import org.lavender.qc.NewControlLot;
import org.lavender.qc.NewQcTarget;
import org.lavender.qc.QcEntry;
import org.lavender.qc.QualityControl;
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
 * The demo's QC (stable interface): potassium (LOINC 2823-3) on "Generic HL7" with control lots DEMO-CHEM-1 (mean
 * 4.00, SD 0.10 mmol/L) and DEMO-CHEM-2 (mean 6.00, SD 0.15 mmol/L), Westgard 1-3s/2-2s/R-4s/4-1s/10x, and 60 days
 * of in-control daily runs (deterministic values) so the Levey-Jennings chart has content. With the simulator on,
 * the simulated analyzer sends both levels as a QC ORU^R01 (SPM-2 = lot, SPM-11 = Q) every
 * lavender.demo.qc-interval (default 1 h).
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(30)
class DemoQc implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoQc.class);
    static final String POTASSIUM_LOINC = "2823-3";
    static final String RULES = "1-3s/2-2s/R-4s/4-1s/10x";
    private static final int HISTORY_DAYS = 60;

    /** A demo control level: lot number, level, target mean and SD in mmol/L. */
    record Level(String lot, String level, BigDecimal mean, BigDecimal sd) {
    }

    static final List<Level> LEVELS = List.of(
            new Level("DEMO-CHEM-1", "1", new BigDecimal("4.00"), new BigDecimal("0.10")),
            new Level("DEMO-CHEM-2", "2", new BigDecimal("6.00"), new BigDecimal("0.15")));

    private final QualityControl qc;
    private final Catalog catalog;
    private final Instruments instruments;
    private final Clock clock;
    private final boolean simulate;
    private final Duration every;
    private final Random random = new Random(2823);
    private ScheduledExecutorService simulator;
    private int streak;
    private double lastSide;

    DemoQc(QualityControl qc, Catalog catalog, Instruments instruments, Clock clock,
           @Value("${lavender.demo.simulator:false}") boolean simulate,
           @Value("${lavender.demo.qc-interval:1h}") Duration every) {
        this.qc = qc;
        this.catalog = catalog;
        this.instruments = instruments;
        this.clock = clock;
        this.simulate = simulate;
        this.every = every;
    }

    @Override
    public void run(ApplicationArguments args) {
        TestDefinition potassium = catalog.test(POTASSIUM_LOINC)
                .orElseThrow(() -> new IllegalStateException("The demo catalog has no potassium (LOINC 2823-3)"));
        if (qc.lot(LEVELS.get(0).lot()).isEmpty()) {
            try {
                setUp(potassium);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
        if (simulate) {
            simulator = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "demo-qc-simulator");
                t.setDaemon(true);
                return t;
            });
            simulator.scheduleWithFixedDelay(this::sendQc, 5_000, every.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Demo QC: Generic HL7 sends potassium QC every {} s", every.toSeconds());
        }
    }

    private void setUp(TestDefinition potassium) {
        actAs("labadmin", "ROLE_ADMIN");
        LocalDate today = LocalDate.now(clock);
        for (Level l : LEVELS) {
            qc.createLot(new NewControlLot(l.lot(), "Demo chemistry control", "Lavender demo", l.level(),
                    today.plusMonths(18), 30, null));
            qc.setTarget(new NewQcTarget(l.lot(), potassium.code(), DemoAnalyzers.HL7, potassium.unit(), l.mean(),
                    l.sd(), "MANUFACTURER"));
        }
        qc.setRules(potassium.code(), RULES, null);
        actAs("tech", "ROLE_TECHNICIAN");
        var history = new ArrayList<QcEntry>();
        for (int day = HISTORY_DAYS; day >= 1; day--) {
            Instant at = today.minusDays(day).atTime(LocalTime.of(7, 30)).atZone(clock.getZone()).toInstant();
            for (Level l : LEVELS) {
                history.add(new QcEntry(l.lot(), potassium.code(), DemoAnalyzers.HL7, value(l), null, at,
                        "demo history"));
            }
        }
        qc.record(history);
        log.info("Demo QC: lots {} with {} days of potassium QC on {}", LEVELS.stream().map(Level::lot).toList(),
                HISTORY_DAYS, DemoAnalyzers.HL7);
    }

    /**
     * In control: a normal deviate scaled to 0.6 SD, within ±1.8 SD, its side flipped after four values on one
     * side, so the demo history never trips 4-1s or 10x and the chart shows a stable process.
     */
    private synchronized String value(Level l) {
        double z = Math.max(-1.8, Math.min(1.8, random.nextGaussian() * 0.6));
        double side = Math.signum(z);
        streak = side == lastSide ? streak + 1 : 1;
        if (streak > 4) {
            z = -z;
            side = -side;
            streak = 1;
        }
        lastSide = side;
        return l.mean().add(l.sd().multiply(BigDecimal.valueOf(z))).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private void sendQc() {
        try {
            TestDefinition potassium = catalog.test(POTASSIUM_LOINC).orElseThrow();
            int port = instruments.status().stream().filter(s -> s.analyzer().name().equals(DemoAnalyzers.HL7))
                    .map(AnalyzerStatus::boundPort).filter(p -> p != null).findFirst()
                    .orElseThrow(() -> new IllegalStateException(DemoAnalyzers.HL7 + " is not listening"));
            var messages = new ArrayList<String>();
            for (Level l : LEVELS) {
                String oru = AnalyzerSimulator.oru(l.lot(), List.of(new AnalyzerSimulator.Measurement(POTASSIUM_LOINC,
                        value(l), potassium.unit())), clock.instant(), clock.getZone());
                // IHE LAW: SPM-11 specimen role Q marks a control material; SPM-2 carries the lot number.
                messages.add(oru.replace("SPM|1|" + l.lot() + "||SER", "SPM|1|" + l.lot() + "||SER|||||||Q"));
            }
            AnalyzerSimulator.sendHl7("localhost", port, messages, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            log.warn("Demo QC simulator: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        if (simulator != null) {
            simulator.shutdownNow();
        }
    }

    private static void actAs(String username, String role) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority(role))));
    }
}
