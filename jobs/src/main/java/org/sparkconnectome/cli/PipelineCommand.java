package org.sparkconnectome.cli;

import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Mixin;

/** What {@code run} and {@code nightly} share: options, settings checks, the pipeline call. */
abstract class PipelineCommand extends SparkCommand {

  @Mixin
  private PipelineOptions options;

  private PipelineConfig config;

  /** Whether runs unchanged since the previous report are skipped. */
  protected abstract boolean incremental();

  /** Whether every input is read and hashed again instead of trusting its recorded stamp. */
  protected boolean verifyContent() {
    return false;
  }

  @Override
  protected void validateOptions() {
    config = options.config();
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    return RunCommand.execute(spark, options, config, incremental(), verifyContent(),
        spec());
  }
}
