package org.sparkconnectome.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.TestWatcher;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A program outside the JVM that a test compares against or drives (MRtrix3, PoCL, Chromium,
 * Jupyter), registered as a JUnit extension on that test class.
 *
 * <p>When the program is missing the test fails, naming what to install: a peer comparison that
 * quietly skips is a comparison nobody made. A user opts out on purpose with
 * {@code -Dconnectome.peers=skip} (every tool) or {@code -Dconnectome.peers=skip:mrtrix3,chromium}
 * (those named); the test is then skipped with the reason. Each test's outcome goes to the file
 * {@code -Dconnectome.peers.log} names (one per module, set by Maven), which {@code bin/test} sums
 * up in its last lines.
 */
public final class RequiredTool implements BeforeEachCallback, TestWatcher, InvocationInterceptor {
  /** The opt-out property: {@code skip} or {@code skip:NAME[,NAME]...}. */
  public static final String PROPERTY = "connectome.peers";
  /** Where outcomes are appended (tab-separated: tool, outcome, test, detail). */
  public static final String LOG_PROPERTY = "connectome.peers.log";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RequiredTool.class);

  private final String name;
  private final String install;
  private final Supplier<Optional<String>> missing;

  private RequiredTool(String name, String install, Supplier<Optional<String>> missing) {
    this.name = name;
    this.install = install;
    this.missing = missing;
  }

  /**
   * A tool found by a check of its own: {@code missing} returns why it is unusable, or empty
   * when it is there. {@code install} tells the user what to do (a Debian package, usually).
   */
  public static RequiredTool checkedBy(String name, String install,
      Supplier<Optional<String>> missing) {
    return new RequiredTool(name, install, missing);
  }

  /** A tool that is there when every one of these executables is. */
  public static RequiredTool executables(String name, String install, Path... programs) {
    List<Path> all = Arrays.asList(programs);
    return new RequiredTool(name, install, () -> all.stream().filter(p -> !Files.isExecutable(p))
        .findFirst().map(p -> p + " is not installed"));
  }

  /** The short name the opt-out property uses ({@code mrtrix3}, {@code opencl}, ...). */
  public String name() {
    return name;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<String> reason = missing.get();
    if (reason.isEmpty()) {
      return;
    }
    String message = name + " unavailable: " + reason.get();
    // Recorded here, since a @TestFactory's outcome never reaches the watcher methods.
    context.getStore(NAMESPACE).put(context.getUniqueId(), "recorded");
    if (optedOut(name)) {
      String skipped = message + " (skipped: -D" + PROPERTY + "=" + System.getProperty(PROPERTY)
          + ")";
      record(context, "skipped", skipped);
      throw new TestAbortedException(skipped);
    }
    String failed = message + ": " + install + " (bin/test installs it), or opt out with -D"
        + PROPERTY + "=skip:" + name;
    record(context, "missing", failed);
    throw new AssertionFailedError(failed);
  }

  /** Each dynamic test of a {@code @TestFactory} (one per notebook) is one comparison. */
  @Override
  public void interceptDynamicTest(Invocation<Void> invocation,
      DynamicTestInvocationContext invocationContext, ExtensionContext context)
      throws Throwable {
    try {
      invocation.proceed();
    } catch (TestAbortedException e) {
      record(context, "aborted", firstLine(e));
      throw e;
    } catch (Throwable e) {
      record(context, "ran", firstLine(e));
      throw e;
    }
    record(context, "ran", "passed");
  }

  /** Whether the user opted out of this tool's tests. */
  static boolean optedOut(String tool) {
    String value = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    if (value.equals("skip")) {
      return true;
    }
    if (!value.startsWith("skip:")) {
      return false;
    }
    return Arrays.stream(value.substring(5).split(",")).map(String::trim)
        .anyMatch(tool.toLowerCase(Locale.ROOT)::equals);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    if (!recorded(context)) {
      record(context, "ran", "passed");
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (!recorded(context)) {
      record(context, "ran", firstLine(cause));
    }
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    if (!recorded(context)) {
      record(context, "aborted", firstLine(cause));
    }
  }

  private static boolean recorded(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(context.getUniqueId(), String.class) != null;
  }

  private static String firstLine(Throwable cause) {
    String message = cause == null || cause.getMessage() == null ? String.valueOf(cause)
        : cause.getMessage();
    return message.lines().findFirst().orElse("").replace('\t', ' ');
  }

  /** Class.method, and for a dynamic test "Class.factory() / its name". */
  private static String testName(ExtensionContext context) {
    ExtensionContext method = context;
    String dynamic = "";
    if (context.getTestMethod().isEmpty() && context.getParent().isPresent()) {
      method = context.getParent().get();
      dynamic = " / " + context.getDisplayName();
    }
    String owner = method.getTestClass().map(Class::getSimpleName).orElse("?");
    return (owner + "." + method.getDisplayName() + dynamic).replace('\t', ' ');
  }

  private void record(ExtensionContext context, String outcome, String detail) {
    String log = System.getProperty(LOG_PROPERTY);
    if (log == null) {
      return;
    }
    String test = testName(context);
    String line = String.join("\t", name, outcome, test, detail) + "\n";
    Path file = Path.of(log);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      // Surefire and Failsafe JVMs may append to the same log; the lock ends with the channel.
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        channel.lock();
        channel.write(StandardCharsets.UTF_8.encode(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the peer comparison in " + file, e);
    }
  }
}
