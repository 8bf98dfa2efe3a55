package io.radgate.config;

/** A setting is missing, malformed or out of range; the message names the setting. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
