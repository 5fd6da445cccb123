package org.sparkconnectome.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.share.LabelPseudonyms;
import org.sparkconnectome.share.ResultsShare;
import org.sparkconnectome.share.ShareManifest;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connectome share}: a de-identified copy of a run's results (docs/privacy.md). */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = {
        "Copy the results under OUT into the new folder DIR for sharing: subject and session "
            + "labels replaced by keyed pseudonyms (HMAC-SHA256), identifying sidecar fields "
            + "dropped, ages in 5-year bins, NIfTI header text cleared, tables without history "
            + "and without the manifest of input files; DIR/share_manifest.json says what was "
            + "removed.",
        "Keep the key: the same key gives the same pseudonyms on every night."
    })
final class ShareCommand extends SparkCommand {

  @Option(names = "--out", required = true, paramLabel = "OUT",
      description = "The output folder of 'connectome run' or 'nightly'.")
  private String out;

  @Option(names = "--to", required = true, paramLabel = "DIR",
      description = "The new folder for the shared copy.")
  private String to;

  @Option(names = "--key", paramLabel = "FILE",
      description = "The pseudonym key (its bytes, at least 16). Without it a random key is "
          + "written to DIR.key, beside DIR: keep it, and give it next time.")
  private Path key;

  @Option(names = "--summary-only",
      description = "Group-level results only: cohort mean matrices, group and statistics "
          + "outputs, cells from fewer than --min-subjects subjects as n/a.")
  private boolean summaryOnly;

  @Option(names = "--min-subjects", paramLabel = "N", defaultValue = "5",
      description = "With --summary-only: fewest subjects behind a cell shown (default 5).")
  private int minSubjects;

  @Override
  protected String appName() {
    return "share";
  }

  @Override
  protected void validateOptions() {
    if (minSubjects < 1) {
      throw new UserException("--min-subjects " + minSubjects + ": give at least 1");
    }
    if (key != null && !Files.isRegularFile(key)) {
      throw new UserException(key + ": no such key file");
    }
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    ResultsShare share = new ResultsShare(spark, out, to);
    Set<String>[] labels = share.labels();
    LabelPseudonyms pseudonyms = new LabelPseudonyms(keyBytes(), labels[0], labels[1]);
    ShareManifest manifest = share.write(pseudonyms, summaryOnly, summaryOnly ? minSubjects : 0);
    print("Shared %d subjects into %s (%s); removed: share_manifest.json%n",
        labels[0].size(), to, summaryOnly ? "summary only, " + manifest.suppressedCells()
            + " cells suppressed" : "pseudonymised");
    return ConnectomeCli.EXIT_OK;
  }

  private byte[] keyBytes() throws IOException {
    if (key != null) {
      byte[] bytes = Files.readAllBytes(key);
      if (bytes.length < 16) {
        throw new UserException(key + ": " + bytes.length + " bytes; a key needs at least 16");
      }
      return bytes;
    }
    Path dir = Path.of(to.replaceFirst("^file:", "")).toAbsolutePath().normalize();
    Path generated = dir.resolveSibling(dir.getFileName() + ".key");
    if (Files.exists(generated)) {
      throw new UserException(generated + ": exists; give it as --key to reuse its pseudonyms");
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    Files.createDirectories(generated.getParent());
    Files.write(generated, bytes, StandardOpenOption.CREATE_NEW);
    print("New pseudonym key: %s (outside the copy; keep it private, and pass --key %s next "
        + "time for the same pseudonyms)%n", generated.getFileName(), generated.getFileName());
    return bytes;
  }
}
