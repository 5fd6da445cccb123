package org.sparkconnectome.cli;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.report.CohortReport;
import org.sparkconnectome.spark.SparkCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connectome report}: rebuilds OUT/report/index.html from a run's outputs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Write the HTML cohort report OUT/report/index.html from what 'connectome run' wrote "
            + "under OUT (run-report.json, sidecars, tables/, stats/). 'run' writes it too; use "
            + "this after adding statistics or structural results.",
        "The page is self-contained: open it in a browser, no network needed."
    })
final class ReportCommand extends SparkCommand {

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The output folder of 'connectome run'.")
  private String out;

  @Override
  protected String appName() {
    return "report";
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    Path path = new Path(out);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    String written = new CohortReport(spark, fs.makeQualified(path).toString()).write();
    print("Report: %s%n", written);
    return ConnectomeCli.EXIT_OK;
  }
}
