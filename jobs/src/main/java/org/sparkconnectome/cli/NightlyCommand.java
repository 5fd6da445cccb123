package org.sparkconnectome.cli;

import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code connectome nightly}: {@code run}, recomputing only what changed, published atomically. */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
        "Same outputs as 'run', recomputing only new or changed runs: a run is skipped when its "
            + "files (content hash), paired files and sidecars, the atlases and the settings "
            + "are those the previous run-report.json recorded as computed. Failed runs are "
            + "retried. Group-level results are recomputed when any member changed.",
        "Tables are Delta tables (one atomic commit each, history kept); files are staged and "
            + "published only after the run succeeded, so a killed run leaves the previous "
            + "results intact and the next run completes the work."
    })
final class NightlyCommand extends SparkCommand {

  @Mixin
  private PipelineOptions options;

  @Spec
  private CommandSpec spec;

  private PipelineConfig config;

  @Override
  protected String appName() {
    return "nightly";
  }

  @Override
  protected void validateOptions() {
    config = options.config();
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    return RunCommand.execute(spark, options, config, true, spec);
  }
}
