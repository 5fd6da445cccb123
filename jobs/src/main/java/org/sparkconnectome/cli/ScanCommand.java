package org.sparkconnectome.cli;

import java.io.PrintWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.bids.CohortScan;
import org.sparkconnectome.bids.CohortSummary;
import org.sparkconnectome.bids.Participants;
import org.sparkconnectome.spark.SparkCommand;
import org.sparkconnectome.tables.TableStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connectome scan}: the cohort manifest of a BIDS dataset or fMRIPrep derivatives. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
        "List a BIDS dataset (local path, hdfs:// or s3a://): subjects, sessions, runs, image "
            + "shapes and TRs, paired sidecars, confounds, gradients and tractograms.",
        "With --out, the manifest is written as the Delta table OUT/tables/manifest "
            + "(and participants.tsv as OUT/tables/participants)."
    })
final class ScanCommand extends SparkCommand {

  @Option(names = "--bids", required = true, paramLabel = "DIR",
      description = "Root of the BIDS dataset (raw or derivatives).")
  private String bids;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder for the manifest table.")
  private String out;

  @Override
  protected String appName() {
    return "scan";
  }

  @Override
  protected int runWithSpark(SparkSession spark) throws Exception {
    Dataset<Row> manifest = CohortScan.scan(spark, bids).cache();
    PrintWriter console = spec().commandLine().getOut();
    CohortSummary.print(manifest, console);
    if (out != null) {
      TableStore tables = new TableStore(spark, out, "scan " + java.time.Instant.now());
      tables.replace("manifest", manifest);
      Dataset<Row> participants = Participants.read(spark, bids);
      if (participants != null) {
        tables.replace("participants", participants);
      }
      String table = tables.path("manifest");
      console.printf("%nManifest table: %s%n", table);
      console.flush();
    }
    manifest.unpersist();
    return ConnectomeCli.EXIT_OK;
  }
}
