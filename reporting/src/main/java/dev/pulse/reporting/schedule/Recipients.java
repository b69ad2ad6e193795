package dev.pulse.reporting.schedule;

import dev.pulse.reporting.ReportDelivery.RecipientSource;
import java.util.List;

/** The addresses one region's file goes to, and whether the schedule named them or they are the region's owners. */
record Recipients(List<String> addresses, RecipientSource source) {

    Recipients {
        addresses = List.copyOf(addresses);
    }
}
