package org.sparkconnectome.testing;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged in this JVM while it is open: root at INFO, and the S3A client and our own
 * code at DEBUG, where configuration and credential handling would show if it leaked.
 */
public final class CapturedLogs implements AutoCloseable {
  /** How an event starts in the capture: its level and its logger's name. */
  private static final Pattern EVENT = Pattern.compile(
      "^(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) (\\S+): ");
  private static final String NAME = "connectome-test-capture";
  private static final String[] DEBUG_LOGGERS = {"org.apache.hadoop.fs.s3a",
      "org.sparkconnectome"};

  private final StringWriter sink = new StringWriter();
  private final LoggerContext context;
  private final Level rootLevel;

  public CapturedLogs() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    Appender appender = WriterAppender.newBuilder()
        .setName(NAME)
        .setTarget(sink)
        .setLayout(PatternLayout.newBuilder().withPattern("%p %c: %m%n%ex").build())
        .build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    root.addAppender(appender, Level.ALL, null);
    for (String name : DEBUG_LOGGERS) {
      // Not additive: the DEBUG lines go to the capture only, not to the build's console.
      LoggerConfig logger = new LoggerConfig(name, Level.DEBUG, false);
      logger.addAppender(appender, Level.ALL, null);
      config.addLogger(name, logger);
    }
    context.updateLoggers();
  }

  /** The whole capture, one event after another (an exception's stack after its message). */
  public String text() {
    synchronized (sink) {
      return sink.toString();
    }
  }

  /**
   * The events of the loggers whose names start with {@code prefix}, each as logged: level,
   * logger, message and the stack of its exception, if any (a stack's lines belong to the event
   * above them).
   */
  public List<String> events(String prefix) {
    List<String> events = new ArrayList<>();
    StringBuilder event = null;
    for (String line : text().split("\n", -1)) {
      var start = EVENT.matcher(line);
      if (start.find()) {
        if (event != null) {
          events.add(event.toString());
        }
        event = start.group(2).startsWith(prefix) ? new StringBuilder(line) : null;
      } else if (event != null) {
        event.append('\n').append(line);
      }
    }
    if (event != null) {
      events.add(event.toString());
    }
    return events;
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    LoggerConfig root = config.getRootLogger();
    root.removeAppender(NAME);
    root.setLevel(rootLevel);
    for (String name : DEBUG_LOGGERS) {
      config.removeLogger(name);
    }
    Appender appender = config.getAppenders().get(NAME);
    if (appender != null) {
      appender.stop();
    }
    context.updateLoggers();
  }
}
