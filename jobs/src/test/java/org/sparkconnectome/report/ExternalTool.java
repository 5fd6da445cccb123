package org.sparkconnectome.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.sparkconnectome.testing.RequiredTool;

/**
 * Finds and runs a program the end-to-end tests need (node, chromium, jupyter); whether it is
 * there is checked by each test's {@link org.sparkconnectome.testing.RequiredTool}.
 */
final class ExternalTool {
  private ExternalTool() {
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

  /** Headless Chromium and Node.js (which drives it through playwright-core). */
  static RequiredTool chromium() {
    return RequiredTool.executables("chromium", "install the Debian packages chromium and nodejs",
        system("chromium"), system("node"));
  }

  /**
   * Jupyter's nbconvert with Debian's Python and what the notebooks import (pandas, matplotlib,
   * networkx, nibabel).
   */
  static RequiredTool jupyter() {
    return RequiredTool.checkedBy("jupyter", "install the Debian packages jupyter-nbconvert "
        + "python3-ipykernel python3-pandas python3-matplotlib python3-networkx python3-nibabel",
        () -> {
          if (!Files.isExecutable(system("jupyter"))) {
            return Optional.of(system("jupyter") + " is not installed");
          }
          return missingPythonModules("ipykernel", "pandas", "matplotlib", "networkx", "nibabel");
        });
  }

  private static Optional<String> missingPythonModules(String... modules) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c",
        "import importlib.util, sys; missing = [m for m in sys.argv[1:]"
            + " if importlib.util.find_spec(m) is None]; print(' '.join(missing))"));
    command.addAll(List.of(modules));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of("/usr/bin/python3 did not answer: " + out);
      }
      return out.isEmpty() ? Optional.empty()
          : Optional.of("Debian's Python lacks the modules " + out);
    } catch (IOException e) {
      return Optional.of("/usr/bin/python3 cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking /usr/bin/python3");
    }
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
