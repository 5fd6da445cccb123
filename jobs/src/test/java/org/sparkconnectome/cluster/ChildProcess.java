package org.sparkconnectome.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the tests started (a Spark daemon, a driver, a storage server), with its output in a
 * log file that the test can wait on, and a kill that also ends what it started in turn.
 */
final class ChildProcess implements AutoCloseable {
  private static final long POLL_MS = 50;

  private final String name;
  private final Process process;
  private final Path log;
  /** Everything this process was seen to start, so that a kill leaves no orphan behind. */
  private final List<ProcessHandle> seenDescendants = new ArrayList<>();

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with {@code env} added to a cleaned copy of this JVM's environment. */
  static ChildProcess start(String name, List<String> command, Map<String, String> env,
      Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Nothing from the developer's shell may point the children at another cluster or config.
    for (String inherited : List.of("SPARK_HOME", "SPARK_CONF_DIR", "SPARK_MASTER",
        "SPARK_DIST_CLASSPATH", "HADOOP_CONF_DIR", "YARN_CONF_DIR", "SPARK_CLASSPATH",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")) {
      builder.environment().remove(inherited);
    }
    builder.environment().putAll(env);
    return new ChildProcess(name, builder.start(), log);
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The output so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Waits until the output matches {@code pattern}; fails if the process ends or time is up. */
  Matcher awaitLog(Pattern pattern, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      rememberDescendants();
      Matcher m = pattern.matcher(log());
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing '"
            + pattern + "':\n" + tail());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " did not print '" + pattern + "' within "
            + timeout.toSeconds() + " s:\n" + tail());
      }
      Thread.sleep(POLL_MS);
    }
  }

  /** Waits for the exit code; fails (and kills) when time runs out. */
  int awaitExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && System.nanoTime() < deadline) {
      rememberDescendants();
      process.waitFor(POLL_MS, TimeUnit.MILLISECONDS);
    }
    if (process.isAlive()) {
      String tail = tail();
      kill();
      throw new AssertionError(name + " still running after " + timeout.toSeconds() + " s:\n"
          + tail);
    }
    return process.exitValue();
  }

  /** The last lines of output, for failure messages. */
  String tail() {
    String[] lines = log().split("\n");
    int from = Math.max(0, lines.length - 40);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
  }

  /** SIGKILL: this process first (as a machine loss would), then everything it started. */
  void kill() throws InterruptedException {
    rememberDescendants();
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle child : seenDescendants) {
      child.destroyForcibly();
    }
    for (ProcessHandle child : seenDescendants) {
      child.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> child).join();
    }
  }

  /** Descendants are recorded while the parent lives: once it is gone they are orphans. */
  private void rememberDescendants() {
    process.descendants().forEach(d -> {
      if (!seenDescendants.contains(d)) {
        seenDescendants.add(d);
      }
    });
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
