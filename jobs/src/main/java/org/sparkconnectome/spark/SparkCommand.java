package org.sparkconnectome.spark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that needs Spark: owns the session's lifecycle (create, run the work,
 * stop in {@code finally}) so that a command only declares its options and its work, as GATK's
 * {@code GATKSparkTool} does.
 */
public abstract class SparkCommand implements Callable<Integer> {

  @Mixin
  protected SparkOptions sparkOptions;

  @Spec
  private CommandSpec spec;

  /** The command's work on a live session; returns the process exit code. */
  protected abstract int runWithSpark(SparkSession spark) throws Exception;

  /** Name shown in the Spark UI and logs. */
  protected abstract String appName();

  /** Checks on the options that need no Spark; throw UserException to refuse early. */
  protected void validateOptions() {
  }

  /** The command's model: its name, its options, and the console it writes to. */
  protected final CommandSpec spec() {
    return spec;
  }

  /** Prints to the command's console (its standard output) and flushes. */
  protected final void print(String format, Object... args) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(format, args);
    out.flush();
  }

  @Override
  public final Integer call() throws Exception {
    validateOptions();
    SparkSession spark = SparkSessions.getOrCreate(appName(), sparkOptions);
    try {
      return runWithSpark(spark);
    } finally {
      SparkSessions.stopIfOwned(spark);
    }
  }
}
