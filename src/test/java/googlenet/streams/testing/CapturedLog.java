package googlenet.streams.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures the events of one logger (all levels) while open, to assert on what a component logged.
 */
public final class CapturedLog implements AutoCloseable {
  private final List<LogEvent> events = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final AbstractAppender appender;

  private CapturedLog(Class<?> type) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    logger = context.getLogger(type.getName());
    appender =
        new AbstractAppender(
            "captured-" + type.getSimpleName(), null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            events.add(event.toImmutable());
          }
        };
    appender.start();
    logger.addAppender(appender);
    if (!logger.isInfoEnabled()) {
      logger.setLevel(Level.INFO);
    }
  }

  /** Starts capturing the logger named after {@code type}. */
  public static CapturedLog of(Class<?> type) {
    return new CapturedLog(type);
  }

  /** Every formatted message logged so far. */
  public List<String> messages() {
    return events.stream().map(e -> e.getMessage().getFormattedMessage()).toList();
  }

  /** The formatted messages logged at {@code level} so far. */
  public List<String> messages(Level level) {
    return events.stream()
        .filter(e -> e.getLevel() == level)
        .map(e -> e.getMessage().getFormattedMessage())
        .toList();
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
  }
}
