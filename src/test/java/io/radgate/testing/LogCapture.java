package io.radgate.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the process while open, as it would be written: level, logger, message,
 * MDC fields and the throwable's message, captured when logged (MDC fields are put only
 * around each log call).
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /** One captured line. */
    public record Line(Level level, String logger, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " " + text;
        }
    }

    private final List<Line> lines = new ArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        setName("test-capture");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
        StringBuilder text = new StringBuilder(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(new Line(e.getLevel(), e.getLoggerName(), text.toString()));
    }

    public synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
