package org.bunnybook.web.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** What the server logs, from one logger and those below it, while this is open: for tests of what it said. */
public final class LogLines implements AutoCloseable {

    private final Logger logger;
    /** The logger's own level before, to set again on closing if this changed it. */
    private final Level levelBefore;
    private final boolean levelChanged;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogLines(Logger logger, Level level) {
        this.logger = logger;
        this.levelBefore = logger.getLevel();
        this.levelChanged = level != null;
        if (levelChanged) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** Every line the server logs. */
    public static LogLines all() {
        return of(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The lines of {@code source}'s logger. */
    public static LogLines of(Class<?> source) {
        return of(source.getName());
    }

    /** The lines of {@code source}'s logger down to {@code level}, which it logs at while this is open. */
    public static LogLines of(Class<?> source, Level level) {
        return new LogLines((Logger) LoggerFactory.getLogger(source), level);
    }

    /** The lines of the logger named {@code name} and those below it. */
    public static LogLines of(String name) {
        return new LogLines((Logger) LoggerFactory.getLogger(name), null);
    }

    /** The lines logged so far: Logback appends under the appender's lock, so they are copied under it too. */
    public List<ILoggingEvent> lines() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        if (levelChanged) {
            logger.setLevel(levelBefore);
        }
    }
}
