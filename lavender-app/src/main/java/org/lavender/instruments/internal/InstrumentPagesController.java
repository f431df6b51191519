package org.lavender.instruments.internal;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.CodeMapping;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.OrderMessageType;
import org.lavender.instruments.OutboundOrder;
import org.lavender.instruments.RawMessage;
import org.lavender.instruments.SpecimenIdField;
import org.lavender.instruments.Transport;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * /instruments: the live view of every analyzer link, analyzer settings and code maps (admin), the dead letters
 * with the raw message and reason, and reprocessing after a fix.
 */
@Controller
@RequestMapping("/instruments")
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
class InstrumentPagesController {

    private final Instruments instruments;
    private final Catalog catalog;
    private final Clock clock;

    InstrumentPagesController(Instruments instruments, Catalog catalog, Clock clock) {
        this.instruments = instruments;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Times on these pages are shown in the lab's zone. */
    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    /** The analyzer settings as typed into the form (strings, so a bad entry is shown back as typed). */
    record AnalyzerForm(String name, String model, String section, String protocol, String transport, String host,
                        String port, String serialPort, String encoding, Boolean loincCodes, Boolean active,
                        Integer version, Boolean pushOrders, String specimenIdField, String orderMessage) {

        static AnalyzerForm blank() {
            return new AnalyzerForm("", "", "", "HL7", "TCP_SERVER", "", "", "", "UTF-8", false, true, 0, false,
                    SpecimenIdField.AUTO.name(), OrderMessageType.OML_O21.name());
        }

        static AnalyzerForm of(Analyzer a) {
            return new AnalyzerForm(a.name(), a.model(), a.section(), a.protocol().name(), a.transport().name(),
                    a.host(), a.port() == null ? "" : a.port().toString(), a.serialPort(), a.encoding(),
                    a.loincCodes(), a.active(), a.version(), a.pushOrders(), a.specimenIdField().name(),
                    a.orderMessage().name());
        }

        AnalyzerSettings settings() {
            Integer portNumber = null;
            if (port != null && !port.isBlank()) {
                try {
                    portNumber = Integer.valueOf(port.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("port", "'" + port + "' is not a port number");
                }
            }
            return new AnalyzerSettings(name, model, section, parse(AnalyzerProtocol.class, protocol, "protocol"),
                    parse(Transport.class, transport, "transport"), host, portNumber, serialPort, encoding,
                    Boolean.TRUE.equals(loincCodes), Boolean.TRUE.equals(active),
                    Boolean.TRUE.equals(pushOrders),
                    choice(SpecimenIdField.class, specimenIdField, SpecimenIdField.AUTO, "specimenIdField",
                            "Choose the field in which the analyzer sends the tube's accession"),
                    choice(OrderMessageType.class, orderMessage, OrderMessageType.OML_O21, "orderMessage",
                            "Choose OML^O21 or ORM^O01 for pushed orders"));
        }

        /** A setting left blank takes its default; a value not on the list is refused with {@code refusal}. */
        private static <E extends Enum<E>> E choice(Class<E> type, String value, E whenBlank, String field,
                                                    String refusal) {
            if (value == null || value.isBlank()) {
                return whenBlank;
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(field, refusal);
            }
        }

        private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidInputException(field, "Choose a " + field);
            }
        }
    }

    @GetMapping
    String live(Model model) {
        model.addAttribute("statuses", instruments.status());
        model.addAttribute("deadLetters", instruments.deadLetters(null, 1).items().size());
        return "instruments/live";
    }

    /** The status table alone, polled by htmx every few seconds. */
    @GetMapping("/status")
    String status(Model model) {
        model.addAttribute("statuses", instruments.status());
        return "instruments/live :: status";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('ADMIN')")
    String newAnalyzer(Model model) {
        return form(model, AnalyzerForm.blank(), null);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    String create(AnalyzerForm form, Model model, RedirectAttributes redirect) {
        try {
            Analyzer created = instruments.create(form.settings());
            redirect.addFlashAttribute("message", "Analyzer " + created.name() + " added");
            return "redirect:/instruments/" + created.id();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return form(model, form, null);
        }
    }

    private String form(Model model, AnalyzerForm form, Analyzer analyzer) {
        model.addAttribute("form", form);
        model.addAttribute("analyzer", analyzer);
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("specimenIdFields", SpecimenIdField.values());
        model.addAttribute("orderMessages", OrderMessageType.values());
        return "instruments/form";
    }

    @GetMapping("/{id}")
    String analyzer(@PathVariable long id, @RequestParam(required = false) String code, Model model) {
        Analyzer analyzer = instruments.analyzer(id).orElseThrow(() -> new NotFoundException("Analyzer", id));
        model.addAttribute("analyzer", analyzer);
        model.addAttribute("form", AnalyzerForm.of(analyzer));
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("codeMap", instruments.codeMap(id));
        model.addAttribute("unmapped", instruments.unmappedCodes(id));
        model.addAttribute("prefill", code);
        model.addAttribute("messages", instruments.recentMessages(id, 25));
        Charset charset = Charset.forName(analyzer.encoding());
        var pushed = instruments.outboundOrders(id, 25);
        model.addAttribute("outbound", pushed);
        model.addAttribute("outboundText", pushed.stream().collect(Collectors.toMap(OutboundOrder::id,
                o -> o.text(charset))));
        model.addAttribute("outboundAck", pushed.stream().collect(Collectors.toMap(OutboundOrder::id,
                o -> o.ackText(charset))));
        return "instruments/analyzer";
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    String update(@PathVariable long id, AnalyzerForm form, Model model, RedirectAttributes redirect) {
        Analyzer analyzer = instruments.analyzer(id).orElseThrow(() -> new NotFoundException("Analyzer", id));
        try {
            instruments.update(id, form.version() == null ? -1 : form.version(), form.settings());
            redirect.addFlashAttribute("message", "Settings saved; the connection restarts with them");
            return "redirect:/instruments/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return form(model, form, analyzer);
        }
    }

    @PostMapping("/{id}/map")
    @PreAuthorize("hasRole('ADMIN')")
    String map(@PathVariable long id, @RequestParam String instrumentCode, @RequestParam(required = false) String testCode,
               @RequestParam(required = false) String unit, @RequestParam(required = false) String factor,
               @RequestParam(defaultValue = "false") boolean reprocess, RedirectAttributes redirect) {
        try {
            BigDecimal conversion = factor == null || factor.isBlank() ? null : new BigDecimal(factor.strip());
            CodeMapping saved = instruments.map(id, new CodeMapping(instrumentCode, testCode, unit, conversion));
            int tried = reprocess ? instruments.reprocessCode(id, saved.instrumentCode()) : 0;
            redirect.addFlashAttribute("message", "Code " + saved.instrumentCode() + " mapped"
                    + (saved.ignored() ? " as informational (ignored)" : " to " + saved.testCode())
                    + (reprocess ? "; " + tried + " dead letter(s) with it reprocessed" : ""));
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "'" + factor + "' is not a number");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/instruments/" + id;
    }

    @PostMapping("/{id}/unmap")
    @PreAuthorize("hasRole('ADMIN')")
    String unmap(@PathVariable long id, @RequestParam String instrumentCode, RedirectAttributes redirect) {
        instruments.unmap(id, instrumentCode);
        redirect.addFlashAttribute("message", "Code " + instrumentCode + " removed from the map");
        return "redirect:/instruments/" + id;
    }

    /** A FAILED order message queued again once the cause is fixed (analyzer back, code mapped on its side). */
    @PostMapping("/outbound/{id}/resend")
    @PreAuthorize("hasAnyRole('TECHNICIAN','ADMIN')")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        OutboundOrder order;
        try {
            order = instruments.resend(id);
            redirect.addFlashAttribute("message", "Order for " + order.accession() + " queued again");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/instruments";
        }
        return "redirect:/instruments/" + order.analyzerId() + "#outbound";
    }

    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String cursor, Model model) {
        var page = instruments.deadLetters(cursor, 50);
        model.addAttribute("page", page);
        model.addAttribute("printable", printables(page.items()));
        return "instruments/dead-letters";
    }

    @GetMapping("/messages/{id}")
    String message(@PathVariable long id, Model model) {
        RawMessage message = instruments.message(id).orElseThrow(() -> new NotFoundException("Analyzer message", id));
        Analyzer analyzer = instruments.analyzer(message.analyzerId()).orElseThrow();
        model.addAttribute("m", message);
        model.addAttribute("analyzer", analyzer);
        model.addAttribute("text", message.printable(Charset.forName(analyzer.encoding())));
        model.addAttribute("observations", instruments.observations(id));
        return "instruments/message";
    }

    @PostMapping("/messages/{id}/reprocess")
    String reprocess(@PathVariable long id, RedirectAttributes redirect) {
        try {
            RawMessage after = instruments.reprocess(id);
            redirect.addFlashAttribute("message", "Message " + id + " reprocessed: " + after.state()
                    + (after.reason() == null ? "" : " (" + after.reason() + ")"));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/instruments/messages/" + id;
    }

    private Map<Long, String> printables(java.util.List<RawMessage> messages) {
        Map<Long, String> encodings = instruments.analyzers().stream()
                .collect(Collectors.toMap(Analyzer::id, Analyzer::encoding));
        return messages.stream().collect(Collectors.toMap(RawMessage::id, m -> {
            String text = m.printable(Charset.forName(encodings.getOrDefault(m.analyzerId(), "UTF-8")));
            return text.length() > 600 ? text.substring(0, 600) + " …" : text;
        }));
    }
}
