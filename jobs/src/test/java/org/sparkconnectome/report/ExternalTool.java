package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a program the end-to-end tests need (node, chromium, jupyter). A missing program skips
 * the test on a developer's machine but fails it in CI ({@code CI=true}), where .ci/run installs
 * it.
 */
final class ExternalTool {
  private ExternalTool() {
  }

  /** Requires an executable file; skips locally, fails in CI. */
  static void require(Path program, String installHint) {
    if (Files.isExecutable(program)) {
      return;
    }
    String message = program + " is missing: " + installHint;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this test must run)");
    }
    Assumptions.abort(message);
  }

  /** The first executable of this name on the Debian system path, or /usr/bin/NAME. */
  static Path system(String name) {
    for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return Path.of("/usr/bin", name);
  }

  /** Output and exit status of one run. */
  record Result(int exitCode, String output) {
  }

  /** Runs {@code command} in {@code dir}, stdout and stderr together, within the timeout. */
  static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true);
    Path log = Files.createTempFile("connectome-tool-", ".log");
    pb.redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), output);
  }
}
