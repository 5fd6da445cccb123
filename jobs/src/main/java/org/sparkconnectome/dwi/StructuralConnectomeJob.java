package org.sparkconnectome.dwi;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.streamlines.TckHeader;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.io.OutputWriteFaults;
import org.sparkconnectome.io.SerializableHadoopConf;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.RunTasks;
import scala.Tuple2;

/**
 * The structural stage on Spark. A tractogram is cut into byte ranges (a 10-million-streamline
 * .tck becomes many tasks, none reading the whole file); each range is assigned to regions into
 * partial connectomes that are merged per run, then finished and written. A subject with a DWI
 * but no tractogram is fitted and tracked in one task by the project's own tensor tracking.
 */
public final class StructuralConnectomeJob {
  private StructuralConnectomeJob() {
  }

  /** Name of this pipeline in the run report. */
  public static final String PIPELINE = "dwi";

  /** What every task needs; broadcast once. */
  public record JobInputs(List<Atlas> atlases, StructuralSettings settings,
      TrackingSettings tracking, long splitBytes, String settingsHash, String outRoot,
      BidsUris uris, MemoryBudget budget) implements Serializable {

    /** The image of each atlas label, as given. */
    Map<String, String> atlasFiles() {
      Map<String, String> files = new java.util.LinkedHashMap<>();
      atlases.forEach(a -> files.put(a.name(), a.file()));
      return files;
    }
  }

  /** A run's merged partial connectomes, or why it failed. */
  private record Partials(List<PartialConnectome> partials, String failure, long started)
      implements Serializable {
    static Partials failed(String reason) {
      return new Partials(null, reason, System.nanoTime());
    }

    Partials merge(Partials other) {
      if (failure != null) {
        return this;
      }
      if (other.failure != null) {
        return other;
      }
      List<PartialConnectome> merged = new ArrayList<>();
      for (int a = 0; a < partials.size(); a++) {
        PartialConnectome p = partials.get(a);
        p.merge(other.partials.get(a));
        merged.add(p);
      }
      return new Partials(merged, null, Math.min(started, other.started));
    }
  }

  /** Byte ranges [start, end) of one tractogram. */
  private record Split(StructuralRun run, long start, long end) implements Serializable {
  }

  public static JavaRDD<RunOutcome> process(SparkSession spark, JavaRDD<StructuralRun> runs,
      JobInputs inputs, LongAccumulator done, LongAccumulator failed) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<JobInputs> shared = jsc.broadcast(inputs);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    int attempts = RunTasks.taskAttempts(spark.sparkContext());
    JavaRDD<Split> splits = runs.flatMap(run -> splitsOf(run, shared.value(), conf.get())
        .iterator());
    JavaPairRDD<String, Tuple2<StructuralRun, Partials>> partials = splits
        .repartition(Math.max(1, jsc.defaultParallelism() * 2))
        .mapToPair(split -> new Tuple2<>(split.run().key(),
            new Tuple2<>(split.run(), partialsOrOutOfMemory(split, shared.value(), conf.get(),
                attempts))));
    return partials
        .reduceByKey((a, b) -> new Tuple2<>(a._1(), a._2().merge(b._2())))
        .values()
        .map(pair -> {
          OutputWriteFaults.clear();
          JobInputs in = shared.value();
          RunOutcome outcome;
          try {
            outcome = finish(pair._1(), pair._2(), in, conf.get());
          } catch (OutOfMemoryError e) {
            // As RunTasks: the run's work has unwound, its buffers with it.
            outcome = failure(pair._1(), in, pair._1().inputHashes(), in.uris().orName(
                pair._1().source()) + ": " + RunTasks.outOfMemoryFault(e, attempts),
                pair._2().started());
          }
          // A refused output file (a full disk) fails the command, not this run (as RunTasks).
          OutputWriteFaults.rethrow();
          done.add(1);
          if (!outcome.succeeded()) {
            failed.add(1);
          }
          return outcome;
        })
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
  }

  /** The ranges of a .tck (by size); a .trk or an own-tracking run is one piece. */
  private static List<Split> splitsOf(StructuralRun run, JobInputs inputs, Configuration conf) {
    List<Split> out = new ArrayList<>();
    if (run.ownTracking() || !run.source().endsWith(".tck")) {
      out.add(new Split(run, 0, Long.MAX_VALUE));
      return out;
    }
    try {
      TckHeader header = TckHeader.read(new HadoopDataSource(run.source(), conf));
      long start = header.dataOffset();
      long size = header.fileSize();
      for (long at = start; at < size || at == start; at += inputs.splitBytes()) {
        out.add(new Split(run, at, Math.min(size, at + inputs.splitBytes())));
      }
    } catch (IOException e) {
      // The range task reports the header fault with the file's name.
      out.add(new Split(run, 0, Long.MAX_VALUE));
    }
    return out;
  }

  /** A range's partials, or its run's failure when the range's work ran out of heap. */
  private static Partials partialsOrOutOfMemory(Split split, JobInputs inputs,
      Configuration conf, int attempts) {
    try {
      return partialsOf(split, inputs, conf);
    } catch (OutOfMemoryError e) {
      // As RunTasks: retried before the task's last attempt, then this run's failure.
      return Partials.failed(inputs.uris().orName(split.run().source()) + ": "
          + RunTasks.outOfMemoryFault(e, attempts));
    }
  }

  private static Partials partialsOf(Split split, JobInputs inputs, Configuration conf) {
    long started = System.nanoTime();
    try {
      StructuralRunProcessor processor = Processors.get(inputs);
      StructuralRun run = split.run();
      if (run.ownTracking()) {
        return new Partials(null, null, started);
      }
      DataSource source = new HadoopDataSource(run.source(), conf);
      if (split.end() == Long.MAX_VALUE) {
        return new Partials(processor.processWhole(source, null), null, started);
      }
      return new Partials(processor.processRange(source, split.start(), split.end(), null),
          null, started);
    } catch (FormatException e) {
      return Partials.failed(inputs.uris().scrub(e.getMessage()));
    } catch (IOException e) {
      return Partials.failed(inputs.uris().orName(split.run().source()) + ": "
          + inputs.uris().scrub(e.getMessage()));
    } catch (RuntimeException e) {
      return Partials.failed("internal error (please report): "
          + inputs.uris().scrub(e.toString()));
    }
  }

  private static RunOutcome finish(StructuralRun run, Partials partials, JobInputs inputs,
      Configuration conf) {
    Map<String, String> hashes = run.inputHashes();
    if (partials.failure() != null) {
      return failure(run, inputs, hashes, partials.failure(), partials.started());
    }
    try {
      StructuralRunProcessor processor = Processors.get(inputs);
      StructuralRunResult result;
      List<String> sources = new ArrayList<>(List.of(run.sourceUri()));
      List<String> outputs = new ArrayList<>();
      if (run.ownTracking()) {
        result = trackAndAssign(run, inputs, conf, processor, outputs);
        sources.add(inputs.uris().orName(run.bval()));
        sources.add(inputs.uris().orName(run.bvec()));
      } else {
        result = processor.finish(partials.partials(), false);
      }
      outputs.addAll(StructuralOutputWriter.write(result, conf, inputs.outRoot(),
          run.entities(), sources, inputs.settings(), inputs.settingsHash(),
          inputs.atlasFiles()));
      List<Row> connectomes = new ArrayList<>();
      for (StructuralConnectome c : result.connectomes()) {
        for (Map.Entry<String, Connectome> stat : c.statistics().entrySet()) {
          connectomes.add(RunTables.connectome(run.entities(), c.atlas(), stat.getKey(),
              stat.getValue(), inputs.settingsHash(), run.sourceUri()));
        }
      }
      String warnings = result.warnings().isEmpty() ? null
          : String.join(" ", result.warnings());
      Row report = RunReportTable.row(run.entities(), run.sourceUri(), PIPELINE,
          RunReportTable.COMPUTED, warnings, hashes, inputs.settingsHash(),
          seconds(partials.started()), outputs.toArray(new String[0]));
      return new RunOutcome(report, Map.of(RunTables.CONNECTOMES_TABLE, connectomes));
    } catch (FormatException e) {
      return failure(run, inputs, hashes, inputs.uris().scrub(e.getMessage()),
          partials.started());
    } catch (IOException e) {
      return failure(run, inputs, hashes, inputs.uris().orName(run.source()) + ": "
          + inputs.uris().scrub(e.getMessage()), partials.started());
    } catch (RuntimeException e) {
      return failure(run, inputs, hashes, "internal error (please report): "
          + inputs.uris().scrub(e.toString()), partials.started());
    }
  }

  /**
   * Tensor fit and tracking in a local scratch folder (the tractogram's count is patched in
   * place at the end, which object stores cannot do), then the maps and the tractogram are
   * copied to the output and assigned.
   */
  private static StructuralRunResult trackAndAssign(StructuralRun run, JobInputs inputs,
      Configuration conf, StructuralRunProcessor processor, List<String> outputs)
      throws IOException {
    Path scratch = Files.createTempDirectory("connectome-tracking");
    try {
      OwnTrackingProcessor tracker = new OwnTrackingProcessor(TensorFitMethod.WLS,
          org.sparkconnectome.formats.dwi.GradientTable.DEFAULT_B0_THRESHOLD,
          inputs.tracking(), inputs.budget());
      String prefix = stem(run.entities());
      OwnTrackingProcessor.Result tracked = tracker.process(
          new HadoopDataSource(run.source(), conf), new HadoopDataSource(run.bval(), conf),
          new HadoopDataSource(run.bvec(), conf), null, scratch, prefix);
      String folder = DerivativeNames.folder(run.entities(), "dwi");
      List<Path> files = new ArrayList<>(tracked.mapFiles().values());
      files.add(tracked.tractogram());
      for (Path file : files) {
        String relative = folder + "/" + file.getFileName();
        try (var out = OutputFiles.create(conf, OutputFiles.resolve(inputs.outRoot(),
            relative))) {
          Files.copy(file, out);
        }
        outputs.add(relative);
      }
      Path fa = tracked.mapFiles().get("fa");
      return processor.process(new LocalDataSource(tracked.tractogram()),
          fa == null ? null : new LocalDataSource(fa));
    } finally {
      try (var paths = Files.walk(scratch)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static String stem(Map<String, String> entities) {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> {
      if (!k.equals("desc")) {
        b.append(b.length() > 0 ? "_" : "").append(k).append('-').append(v);
      }
    });
    return b.toString();
  }

  private static RunOutcome failure(StructuralRun run, JobInputs inputs,
      Map<String, String> hashes, String reason, long started) {
    Row report = RunReportTable.row(run.entities(), run.sourceUri(), PIPELINE,
        RunReportTable.FAILED, reason, hashes, inputs.settingsHash(), seconds(started),
        new String[0]);
    return RunOutcome.reportOnly(report);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** One assignment processor per executor JVM and settings (atlas lookups are costly). */
  private static final class Processors {
    private static JobInputs owner;
    private static StructuralRunProcessor processor;

    private Processors() {
    }

    static synchronized StructuralRunProcessor get(JobInputs inputs) {
      if (processor == null || !inputs.equals(owner)) {
        processor = new StructuralRunProcessor(inputs.atlases(), inputs.settings());
        owner = inputs;
      }
      return processor;
    }
  }
}
