package app.tandem.common;

import java.util.Map;

/** A request a client can fix: becomes a 400 (or the given 4xx) with field errors, never a 500. */
public class InvalidRequestException extends RuntimeException {
    private final int status;
    private final Map<String, String> fields;

    public InvalidRequestException(String message) {
        this(400, message, Map.of());
    }

    public InvalidRequestException(String message, Map<String, String> fields) {
        this(400, message, fields);
    }

    public InvalidRequestException(int status, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    public int status() {
        return status;
    }

    public Map<String, String> fields() {
        return fields;
    }
}
