package dev.pulse.dashboards.admin;

import dev.pulse.surveys.outbox.WarehouseOutbox;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** ADMIN page of the warehouse outbox: the dead letters, each with a button that queues it again. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class OutboxAdminController {

    /** More than a page can usefully show; the count in the heading says how many there are. */
    private static final int SHOWN = 200;

    private final WarehouseOutbox outbox;

    OutboxAdminController(WarehouseOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/admin/outbox")
    String deadLetters(Model model) {
        model.addAttribute("deadLetters", outbox.deadLetters(SHOWN));
        model.addAttribute("deadLetterCount", outbox.deadLetterCount());
        model.addAttribute("pending", outbox.pending());
        return "admin-outbox";
    }

    @PostMapping("/admin/outbox/retry")
    String retry(
            @RequestParam(defaultValue = "") String stream,
            @RequestParam(defaultValue = "") String eventId,
            Model model,
            HttpServletResponse response) {
        if (outbox.retry(stream, eventId)) {
            return "redirect:/admin/outbox";
        }
        response.setStatus(404);
        model.addAttribute("errorField", "eventId");
        model.addAttribute("errorMessage", "no dead letter " + eventId + " in " + stream);
        return deadLetters(model);
    }
}
