package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.pipeline.CohortPipeline;
import org.sparkconnectome.pipeline.RunReportWriter;
import org.sparkconnectome.report.CohortReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/** {@code connectome run}: connectomes for every run of a cohort. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Turn a cohort of preprocessed BOLD runs (fMRIPrep derivatives or raw BIDS) and "
            + "tractograms or DWIs into connectivity matrices, one Spark task per run.",
        "Writes XCP-D-style derivatives under OUT/sub-*/, Delta tables under OUT/tables/, "
            + "OUT/run-report.json and OUT/report/index.html. Exit code 0: all runs computed; "
            + "3: some failed (the rest are complete); 2: usage or configuration error."
    })
final class RunCommand extends PipelineCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Override
  protected String appName() {
    return "run";
  }

  @Override
  protected boolean incremental() {
    return false;
  }

  /** Shared with {@code nightly}: run the pipeline and print where the results are. */
  static int execute(SparkSession spark, PipelineOptions options, PipelineConfig config,
      boolean incremental, boolean verifyContent, CommandSpec spec) throws Exception {
    String outRoot = PipelineOptions.qualified(spark, options.out);
    RunReportWriter.Counts counts = new CohortPipeline(spark, config, options.atlases(spark),
        outRoot).verifyingContent(verifyContent).run(
            PipelineOptions.qualified(spark, options.bids), options.participants, incremental);
    if (config.getBoolean("report.enabled")) {
      writeReport(() -> new CohortReport(spark, outRoot).write(), outRoot,
          spec.commandLine().getErr());
    }
    var out = spec.commandLine().getOut();
    out.printf("%d runs: %d computed, %d skipped, %d failed.%n", counts.total(),
        counts.computed(), counts.skipped(), counts.failed());
    if (incremental && counts.computed() == 0 && counts.failed() == 0) {
      out.println("Nothing changed since the previous run: no per-run work was done.");
    }
    out.printf("Results: %s (run-report.json, sub-*/, tables/, report/index.html)%n", outRoot);
    out.flush();
    return counts.failed() > 0 ? ConnectomeCli.EXIT_PARTIAL : ConnectomeCli.EXIT_OK;
  }

  /** The report step, apart so that a test can make it fail. */
  @FunctionalInterface
  interface ReportStep {
    /** @return where the report's index is */
    String write() throws IOException;
  }

  /**
   * The HTML report is derived from what was published: a failure there loses no result, so it
   * is a warning and the exit code stays the runs'. That holds for running out of heap or stack
   * in the report step too (a cohort too large for the driver's memory): the step's memory is
   * released when it unwinds, and the results are already on disk. Other errors propagate.
   *
   * @return whether the report was written
   */
  static boolean writeReport(ReportStep step, String outRoot, PrintWriter err) {
    String reason;
    try {
      LOG.info("report: {}", step.write());
      return true;
    } catch (IOException | RuntimeException e) {
      reason = e.getMessage();
    } catch (OutOfMemoryError | StackOverflowError e) {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage()
          + " (raise CONNECTOME_DRIVER_MEMORY for the report)";
    }
    String message = "the HTML report could not be written (" + reason + "); every result "
        + "is published. Rebuild it with: connectome report --out " + outRoot;
    LOG.warn(message);
    err.println("Warning: " + message);
    err.flush();
    return false;
  }
}
