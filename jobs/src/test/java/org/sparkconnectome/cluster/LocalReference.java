package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;
import picocli.CommandLine;

/**
 * A copy of the sample cohort and the results of {@code run} on it in local mode, computed once
 * per test JVM: the reference the cluster and S3 runs must reproduce.
 */
record LocalReference(Path bids, Path out) {
  private static final Path DIR = Path.of("target", "local-reference");
  private static LocalReference instance;

  static synchronized LocalReference get() throws IOException {
    if (instance == null) {
      deleteTree(DIR);
      Path bids = copyTree(TestData.sampleCohort(), DIR.resolve("bids").toAbsolutePath());
      Path out = DIR.resolve("out").toAbsolutePath();
      SharedSpark.get();
      StringWriter err = new StringWriter();
      CommandLine cli = ConnectomeCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute("run", "--bids", bids.toString(), "--out", out.toString());
      assertEquals(0, code, "local-mode reference run failed: " + err);
      instance = new LocalReference(bids, out);
    }
    return instance;
  }

  private static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
