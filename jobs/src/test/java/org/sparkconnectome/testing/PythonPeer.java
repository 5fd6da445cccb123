package org.sparkconnectome.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python ({@code /usr/bin/python3}, with nibabel, MNE, scipy...) as a peer the tests
 * drive: the modules a test needs as a {@link RequiredTool}, and a script's run with its standard
 * output (its standard error goes to the test's log).
 */
public final class PythonPeer {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private PythonPeer() {
  }

  /** What a script printed, and how it exited. */
  public record Result(int exitCode, String output) {
  }

  /** The peer named {@code name}: there when Debian's Python imports every one of modules. */
  public static RequiredTool modules(String name, String install, String... modules) {
    return RequiredTool.checkedBy(name, install, () -> {
      try {
        return run("-c", "import " + String.join(", ", modules)).exitCode() == 0
            ? Optional.empty()
            : Optional.of(PYTHON + " cannot import " + String.join(", ", modules));
      } catch (IOException e) {
        return Optional.of(PYTHON + " does not run: " + e.getMessage());
      }
    });
  }

  /** Runs {@code /usr/bin/python3 args...} for at most five minutes. */
  public static Result run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + output);
      }
      return new Result(p.exitValue(), output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
