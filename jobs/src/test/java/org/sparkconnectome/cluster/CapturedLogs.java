package org.sparkconnectome.cluster;

import java.io.StringWriter;
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
final class CapturedLogs implements AutoCloseable {
  private static final String NAME = "connectome-test-capture";
  private static final String[] DEBUG_LOGGERS = {"org.apache.hadoop.fs.s3a",
      "org.sparkconnectome"};

  private final StringWriter sink = new StringWriter();
  private final LoggerContext context;
  private final Level rootLevel;

  CapturedLogs() {
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

  String text() {
    synchronized (sink) {
      return sink.toString();
    }
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
