package org.sparkconnectome.eeg;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernel;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernels;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.RunTasks;
import org.sparkconnectome.spark.PerExecutor;

/**
 * The per-recording EEG work on Spark: one task per recording, each streaming its file once,
 * writing its derivative files and returning its report line and table rows. A recording that
 * fails is reported with its reason; the others are unaffected.
 */
final class EegJob {
  /** Name of this pipeline in the run report. */
  static final String PIPELINE = "eeg";

  private EegJob() {
  }

  /**
   * What every task needs; broadcast once.
   *
   * @param budget what one recording's task may hold ({@code run.task_memory_budget_gb})
   */
  record JobInputs(EegSettings settings, List<String> montage, Map<String, String> settingsMap,
      String settingsHash, String outRoot, ComputeBackend backend, BidsUris uris,
      MemoryBudget budget) implements Serializable {
  }

  static JavaRDD<RunOutcome> process(SparkSession spark, JavaRDD<EegRecordingRun> runs,
      long count, JobInputs inputs, LongAccumulator done, LongAccumulator failed) {
    return RunTasks.onePerRun(spark, runs, count, inputs, EegJob::processOne,
        (run, in, fault) -> failed(run, in, run.sourceUri() + ": " + fault, System.nanoTime()),
        done, failed);
  }

  /** One recording, start to end; never throws for a problem with the recording's data. */
  static RunOutcome processOne(EegRecordingRun run, JobInputs inputs, Configuration conf) {
    long start = System.nanoTime();
    try {
      String events = RecordingFiles.eventsTable(run.path(), conf);
      EegResult result = new EegRecordingProcessor(inputs.settings(), inputs.montage(),
          KERNEL.get(inputs.backend()), inputs.budget()).process(run,
              EegFiles.open(new HadoopDataSource(run.path(), conf)),
              RecordingFiles.channelTable(run.path(), conf),
              events == null ? null : new HadoopDataSource(events, conf));
      List<String> outputs = new EegOutputWriter(conf, inputs.outRoot(), inputs.settings(),
          inputs.settingsMap(), inputs.settingsHash(), inputs.uris()).write(result);
      Map<String, List<Row>> rows = new LinkedHashMap<>();
      rows.put(RunTables.CONNECTOMES_TABLE, EegTables.connectomeRows(result,
          inputs.settingsHash()));
      rows.put(EegTables.QC_TABLE, List.of(EegTables.qcRow(result)));
      String reason = result.warnings().isEmpty() ? null : String.join(" ", result.warnings());
      Row report = RunReportTable.row(run.entities(), run.sourceUri(), PIPELINE,
          RunReportTable.COMPUTED, reason, run.inputHashes(), inputs.settingsHash(),
          seconds(start), outputs.toArray(new String[0]));
      return new RunOutcome(report, rows);
    } catch (RunFailure | FormatException e) {
      return failed(run, inputs, inputs.uris().scrub(e.getMessage()), start);
    } catch (IOException e) {
      return failed(run, inputs, run.sourceUri() + ": " + inputs.uris().scrub(e.getMessage()),
          start);
    } catch (IllegalArgumentException e) {
      // A filter or band the recording's rate cannot hold (a band above its Nyquist).
      return failed(run, inputs, run.sourceUri() + ": " + inputs.uris().scrub(e.getMessage()),
          start);
    } catch (RuntimeException e) {
      return failed(run, inputs, "internal error (please report): "
          + inputs.uris().scrub(e.toString()), start);
    }
  }

  private static RunOutcome failed(EegRecordingRun run, JobInputs inputs, String reason,
      long start) {
    return RunOutcome.reportOnly(RunReportTable.row(run.entities(), run.sourceUri(), PIPELINE,
        RunReportTable.FAILED, reason, run.inputHashes(), inputs.settingsHash(), seconds(start),
        new String[0]));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** The cross-spectral kernel of the executor (a GPU context is set up once per JVM). */
  private static final PerExecutor<CrossSpectralKernel> KERNEL =
      new PerExecutor<>(CrossSpectralKernels::create);
}
