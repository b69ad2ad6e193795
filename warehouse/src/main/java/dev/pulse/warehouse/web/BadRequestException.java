package dev.pulse.warehouse.web;

import org.springframework.http.HttpStatus;

/** A request the ingestion API refuses before reading its records: wrong type, encoding, size or load. */
final class BadRequestException extends RuntimeException {

    private final HttpStatus status;

    BadRequestException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
