package dev.pulse.warehouse.engine;

import dev.pulse.warehouse.EngineException;

/** The engine cannot start: its library is missing or damaged, or its storage is taken. */
final class EngineUnavailableException extends EngineException {

    EngineUnavailableException(String message) {
        super(0, message);
    }
}
