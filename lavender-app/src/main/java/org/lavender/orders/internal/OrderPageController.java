package org.lavender.orders.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.Orderable;
import org.lavender.orders.Order;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.OrderStatus;
import org.lavender.orders.Orders;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Priority;
import org.lavender.shared.Slice;
import org.lavender.specimens.Specimens;
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

@Controller
@RequestMapping("/orders")
class OrderPageController {

    private static final int PAGE = 25;
    private static final String CAN_ORDER = "hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')";

    private final Orders orders;
    private final Patients patients;
    private final Catalog catalog;
    private final Specimens specimens;
    private final AuditLog audit;
    private final Clock clock;

    OrderPageController(Orders orders, Patients patients, Catalog catalog, Specimens specimens, AuditLog audit,
                        Clock clock) {
        this.orders = orders;
        this.patients = patients;
        this.catalog = catalog;
        this.specimens = specimens;
        this.audit = audit;
        this.clock = clock;
    }

    @ModelAttribute
    void labZone(Model model) {
        model.addAttribute("zone", clock.getZone());
    }

    @GetMapping
    String list(@RequestParam(required = false) OrderStatus status, @RequestParam(required = false) Priority priority,
                @RequestParam(required = false) String cursor, Model model) {
        Slice<Order> page = orders.list(new OrderQuery(null, status, priority, null), cursor, PAGE);
        model.addAttribute("page", page);
        model.addAttribute("patients", patientsOf(page.items()));
        model.addAttribute("status", status);
        model.addAttribute("priority", priority);
        model.addAttribute("statuses", OrderStatus.values());
        model.addAttribute("priorities", Priority.values());
        return "orders/list";
    }

    /** The patient page loads this table of the patient's orders. */
    @GetMapping("/patient/{patientId}")
    String forPatient(@PathVariable long patientId, Model model) {
        model.addAttribute("orders", orders.forPatient(patientId));
        return "orders/fragments :: patient-orders";
    }

    @GetMapping("/new")
    String entry(@RequestParam(required = false) Long patientId, Model model, RedirectAttributes redirect) {
        if (patientId == null) {
            redirect.addFlashAttribute("error", "Find the patient first, then choose New order on the patient page");
            return "redirect:/patients";
        }
        return showEntry(OrderForm.empty(patientId), model);
    }

    private String showEntry(OrderForm form, Model model) {
        Patient patient = patients.find(form.patientId())
                .orElseThrow(() -> new NotFoundException("Patient", form.patientId()));
        model.addAttribute("patient", patient);
        model.addAttribute("form", form);
        model.addAttribute("picked", resolve(form.pickedCodes()));
        model.addAttribute("priorities", Priority.values());
        return "orders/entry";
    }

    /** Suggestions while typing: tests and panels whose code, LOINC or name contains the text. */
    @GetMapping("/picker/suggest")
    String suggest(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("suggestions", q.isBlank() ? List.of() : catalog.searchOrderables(q.strip(), 10));
        return "orders/fragments :: suggestions";
    }

    /**
     * Enter in the picker: the typed code or LOINC if it is exactly one orderable, else the first suggestion, is
     * added to the picked list (re-rendered whole, with the hidden inputs the form submits).
     */
    @GetMapping("/picker/add")
    String add(@RequestParam(defaultValue = "") String q, @RequestParam(name = "codes", required = false)
    List<String> codes, Model model) {
        List<String> picked = new ArrayList<>(codes == null ? List.of() : codes);
        String typed = q.strip();
        if (!typed.isEmpty()) {
            Optional<Orderable> hit = catalog.orderable(typed)
                    .or(() -> catalog.searchOrderables(typed, 1).stream().findFirst());
            if (hit.isEmpty()) {
                model.addAttribute("pickerError", "No test or panel matches '" + typed + "'");
            } else if (picked.contains(hit.get().code())) {
                model.addAttribute("pickerError", hit.get().code() + " (" + hit.get().name() + ") is already picked");
            } else {
                picked.add(hit.get().code());
            }
        }
        model.addAttribute("picked", resolve(picked));
        return "orders/fragments :: picked";
    }

    @PostMapping
    @PreAuthorize(CAN_ORDER)
    String place(@ModelAttribute OrderForm form, Model model, RedirectAttributes redirect) {
        try {
            Order order = orders.place(form.toNewOrder());
            redirect.addFlashAttribute("message", "Order " + order.orderNumber() + " placed");
            return "redirect:/orders/" + order.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            return showEntry(form, model);
        }
    }

    @GetMapping("/{id}")
    String order(@PathVariable long id, Model model) {
        Order order = orders.find(id).orElseThrow(() -> new NotFoundException("Order", id));
        model.addAttribute("order", order);
        model.addAttribute("patient", patients.find(order.patientId()).orElse(null));
        model.addAttribute("tubes", specimens.forOrder(id));
        model.addAttribute("containers", catalog.containers().stream()
                .collect(Collectors.toMap(ContainerType::code, Function.identity(), (a, b) -> a)));
        model.addAttribute("history", audit.history(OrderService.AUDIT_TYPE, String.valueOf(id)));
        return "orders/order";
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(CAN_ORDER)
    String cancel(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Model model,
                  RedirectAttributes redirect) {
        try {
            Order order = orders.cancel(id, reason);
            redirect.addFlashAttribute("message", "Order " + order.orderNumber() + " cancelled");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/orders/" + id;
    }

    @PostMapping("/{id}/items/{itemId}/cancel")
    @PreAuthorize(CAN_ORDER)
    String cancelItem(@PathVariable long id, @PathVariable long itemId, @RequestParam(defaultValue = "") String reason,
                      RedirectAttributes redirect) {
        Order order = orders.findByItem(itemId).filter(o -> o.id() == id)
                .orElseThrow(() -> new NotFoundException("Order item", itemId));
        try {
            orders.cancelItem(itemId, reason);
            redirect.addFlashAttribute("message", "Item cancelled on order " + order.orderNumber());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/orders/" + id;
    }

    private List<Orderable> resolve(List<String> codes) {
        return codes.stream().filter(c -> c != null && !c.isBlank()).map(c -> catalog.orderable(c.strip()))
                .flatMap(Optional::stream).toList();
    }

    private Map<Long, Patient> patientsOf(List<Order> list) {
        return patients.findAll(list.stream().map(Order::patientId).distinct().toList()).stream()
                .collect(Collectors.toMap(Patient::id, Function.identity()));
    }
}
