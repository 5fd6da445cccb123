package org.sparkconnectome.fmri;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sparkconnectome.atlas.SourcedataAtlases;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.smoothing.Smoothers;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.RunTasks;
import org.sparkconnectome.spark.PerExecutor;
import scala.Tuple2;
import org.sparkconnectome.atlas.Atlas;

/**
 * The per-run fMRI stage on Spark: one task per BOLD run, each reading its run once, writing its
 * derivative files, and returning its report line and table rows. A run that fails is reported
 * with its reason; the others are unaffected.
 */
public final class FunctionalConnectomeJob {
  private FunctionalConnectomeJob() {
  }

  /**
   * What every task needs; broadcast once.
   *
   * @param parcellator how a run becomes region signals (volumes or grayordinates)
   */
  public record JobInputs(RunParcellator parcellator, FunctionalSettings settings,
      Map<String, String> settingsMap, String settingsHash, String outRoot,
      ComputeBackend backend, BidsUris uris) implements Serializable {

    /** The atlases the runs are reduced to. */
    public List<Atlas> atlases() {
      return parcellator.atlases();
    }

    /** The run report's pipeline name. */
    String pipeline() {
      return parcellator.pipeline();
    }

    /** The writer of this pass's per-run files. */
    FunctionalOutputWriter writer(Configuration conf) {
      return new FunctionalOutputWriter(conf, outRoot, settings, settingsMap, settingsHash, uris,
          parcellator.elements());
    }

    /** Each atlas's file as outputs name it (a BIDS URI, never a local path). */
    Map<String, String> atlasFiles() {
      Map<String, String> files = new LinkedHashMap<>();
      for (Atlas a : atlases()) {
        // An atlas from outside the dataset is named by its copy in the output.
        String uri = uris.of(a.file());
        files.put(a.name(), uri != null ? uri : SourcedataAtlases.bidsUri(a.name(), a.file()));
      }
      return files;
    }
  }

  /** Name of this pipeline in the run report. */
  public static final String PIPELINE = "fmri";

  /**
   * Processes every run, one Spark task each; the result is persisted because every output
   * table is derived from it.
   */
  public static JavaRDD<RunOutcome> process(SparkSession spark, JavaRDD<FunctionalRun> runs,
      long runCount, JobInputs inputs, LongAccumulator done, LongAccumulator failed) {
    return RunTasks.onePerRun(spark, runs, runCount, inputs, FunctionalConnectomeJob::processOne,
        FunctionalConnectomeJob::outOfMemory, done, failed);
  }

  /**
   * With {@code fmri.combine_runs}: one Spark task per group of runs ({@link CombinedRuns}),
   * each run processed and written as on its own, then the group's combination; the combined
   * matrices join the connectome rows (and outputs) of the group's first computed run.
   */
  public static JavaRDD<RunOutcome> processCombined(SparkSession spark,
      JavaRDD<FunctionalRun> runs, long runCount, JobInputs inputs, LongAccumulator done,
      LongAccumulator failed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<JobInputs> shared = jsc.broadcast(inputs);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    int partitions = (int) Math.max(1, Math.min(runCount, 100_000));
    int attempts = RunTasks.taskAttempts(spark.sparkContext());
    JavaRDD<RunOutcome> outcomes = runs
        .mapToPair(run -> new Tuple2<>(CombinedRuns.groupKey(run), run))
        .groupByKey(new HashPartitioner(partitions))
        .flatMap(group -> {
          List<FunctionalRun> members = new ArrayList<>();
          group._2().forEach(members::add);
          JobInputs in = shared.value();
          List<RunOutcome> out;
          try {
            out = processGroup(members, in, conf.get());
          } catch (OutOfMemoryError e) {
            // As RunTasks does for one run: the group's work has unwound, its buffers with it.
            String fault = RunTasks.outOfMemoryFault(e, attempts);
            out = new ArrayList<>();
            for (FunctionalRun run : members) {
              out.add(outOfMemory(run, in, fault));
            }
          }
          for (RunOutcome o : out) {
            done.add(1);
            if (!o.succeeded()) {
              failed.add(1);
            }
          }
          return out.iterator();
        });
    return outcomes.persist(StorageLevel.MEMORY_AND_DISK_SER());
  }

  /** The runs of one group in run order, then their combination when there is one. */
  static List<RunOutcome> processGroup(List<FunctionalRun> members, JobInputs inputs,
      Configuration conf) {
    members.sort(CombinedRuns.RUN_ORDER);
    List<Computed> computed = new ArrayList<>();
    List<FunctionalRunResult> results = new ArrayList<>();
    for (FunctionalRun run : members) {
      Computed c = compute(run, inputs, conf);
      computed.add(c);
      if (c.result() != null) {
        results.add(c.result());
      }
    }
    if (!results.isEmpty() && CombinedRuns.combinable(members.get(0))) {
      Computed lead = computed.stream().filter(c -> c.result() != null).findFirst()
          .orElseThrow();
      String note;
      List<String> outputs = new ArrayList<>(lead.outputs());
      Map<String, List<Row>> rows = new LinkedHashMap<>(lead.rows());
      try {
        CombinedRuns.Combined combined = CombinedRuns.write(results, inputs, conf);
        List<Row> connectomes = new ArrayList<>(rows.getOrDefault(RunTables.CONNECTOMES_TABLE,
            List.of()));
        connectomes.addAll(combined.connectomes());
        rows.put(RunTables.CONNECTOMES_TABLE, connectomes);
        List<Row> directed = new ArrayList<>(rows.getOrDefault(FunctionalTables.DIRECTED_TABLE,
            List.of()));
        directed.addAll(combined.directed());
        rows.put(FunctionalTables.DIRECTED_TABLE, directed);
        outputs.addAll(combined.outputs());
        note = "fmri.combine_runs: " + results.size() + " of " + members.size()
            + " runs combined" + (combined.warnings().isEmpty() ? ""
            : " (" + String.join(" ", combined.warnings()) + ")");
      } catch (RunFailure e) {
        note = e.getMessage();
      } catch (IOException | RuntimeException e) {
        note = "fmri.combine_runs: the combination was not written: " + e;
      }
      List<String> warnings = new ArrayList<>(lead.result().warnings());
      warnings.add(note + ".");
      Computed updated = new Computed(lead.run(), lead.result(), outputs, warnings, rows,
          lead.seconds(), null);
      computed.set(computed.indexOf(lead), updated);
    }
    List<RunOutcome> out = new ArrayList<>();
    for (Computed c : computed) {
      out.add(c.outcome(inputs));
    }
    return out;
  }

  /**
   * One run's work: its result, written files, notes and table rows, or the reason it failed
   * ({@code result} null).
   */
  record Computed(FunctionalRun run, FunctionalRunResult result, List<String> outputs,
      List<String> warnings, Map<String, List<Row>> rows, double seconds, String failure) {

    RunOutcome outcome(JobInputs inputs) {
      if (result == null) {
        Row report = RunReportTable.row(run.entities(), run.sourceUri(), inputs.pipeline(),
            RunReportTable.FAILED, failure, run.inputHashes(), inputs.settingsHash(), seconds,
            new String[0]);
        return RunOutcome.reportOnly(report);
      }
      String reason = warnings.isEmpty() ? null : String.join(" ", warnings);
      Row report = RunReportTable.row(run.entities(), run.sourceUri(), inputs.pipeline(),
          RunReportTable.COMPUTED, reason, run.inputHashes(), inputs.settingsHash(), seconds,
          outputs.toArray(new String[0]));
      return new RunOutcome(report, rows);
    }
  }

  /** One run, start to end; never throws for a problem with the run's own data. */
  static RunOutcome processOne(FunctionalRun run, JobInputs inputs, Configuration conf) {
    return compute(run, inputs, conf).outcome(inputs);
  }

  private static Computed compute(FunctionalRun run, JobInputs inputs, Configuration conf) {
    long start = System.nanoTime();
    try {
      DataSource bold = new HadoopDataSource(run.bold(), conf);
      DataSource confounds = run.confounds() == null ? null
          : new HadoopDataSource(run.confounds(), conf);
      FunctionalRunProcessor processor = new FunctionalRunProcessor(inputs.settings(),
          inputs.parcellator());
      FunctionalRunResult result = processor.process(run, bold, confounds,
          ExtraConfounds.find(run, inputs.settings().extraConfounds(), conf));
      FunctionalOutputWriter writer = inputs.writer(conf);
      List<String> outputs = writer.write(result, new ArrayList<>(inputs.settings().measures()),
          inputs.atlasFiles());
      outputs.addAll(inputs.parcellator().writeExtra(result, conf, inputs.outRoot()));
      Map<String, List<Row>> rows = new LinkedHashMap<>();
      rows.put(RunTables.CONNECTOMES_TABLE,
          FunctionalTables.connectomeRows(result, inputs.settingsHash()));
      rows.put(FunctionalTables.DIRECTED_TABLE,
          FunctionalTables.directedRows(result, inputs.settingsHash()));
      rows.put(FunctionalTables.TIMESERIES_TABLE, FunctionalTables.timeseriesRows(result));
      rows.put(FunctionalTables.QC_TABLE, List.of(FunctionalTables.qcRow(result)));
      rows.put(FunctionalTables.REGION_QC_TABLE, FunctionalTables.regionQcRows(result));
      return new Computed(run, result, outputs, result.warnings(), rows, seconds(start), null);
    } catch (RunFailure | FormatException e) {
      return failed(run, inputs.uris().scrub(e.getMessage()), start);
    } catch (IOException e) {
      return failed(run, named(run, inputs) + ": " + inputs.uris().scrub(e.getMessage()),
          start);
    } catch (RuntimeException e) {
      // A bug, not bad data: still only this run fails, and the report says it is ours.
      return failed(run, "internal error (please report): " + inputs.uris().scrub(e.toString()),
          start);
    }
  }

  /** The run's BOLD file as reasons name it: its BIDS URI, never the folder it lives in. */
  private static String named(FunctionalRun run, JobInputs inputs) {
    return inputs.uris().orName(run.bold());
  }

  /** A run whose task ran out of heap ({@link RunTasks}): failed, the file named. */
  static RunOutcome outOfMemory(FunctionalRun run, JobInputs inputs, String fault) {
    return failed(run, named(run, inputs) + ": " + fault, System.nanoTime()).outcome(inputs);
  }

  private static Computed failed(FunctionalRun run, String reason, long start) {
    return new Computed(run, null, List.of(), List.of(), Map.of(), seconds(start), reason);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The smoothing backend ({@code compute.backend}) of the executor: a GPU context is set up
   * once and shared by every task of the executor.
   */
  static final PerExecutor<VolumeSmoother> SMOOTHING = new PerExecutor<>(Smoothers::create);
}
