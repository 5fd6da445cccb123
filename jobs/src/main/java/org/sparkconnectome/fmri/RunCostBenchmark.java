package org.sparkconnectome.fmri;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.stage.RunFailure;

/**
 * What one fMRI run's task costs against the floor under it: inflating the BOLD file alone
 * ({@link GZIPInputStream} with a 1 MiB buffer, the bytes dropped), then the task's per-run
 * work on the same file (region means, the joint confound regression, the band-pass filter and
 * the connectivity measures, as {@link FunctionalRunProcessor} does them in a Spark task). The
 * ratio of the two says how far the task is from the decompression floor (goal: about 1.2).
 *
 * <p>Each is timed {@code repeats} times after {@code warmups}; the best time counts (on a
 * shared machine the others measure the neighbours), the median is reported beside it. Beside
 * the wall time, the CPU time of this process and of the task's own thread: on a machine whose
 * cores are busy with others the wall time of two overlapping threads says little, while
 * {@code max(task thread, process - task thread)} is what the task takes on two idle cores
 * (the reader thread's share is the rest of the process's time, less a little GC and JIT).
 */
public final class RunCostBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RunCostBenchmark() {
  }

  /** The seconds measured, best and median over the repeats. */
  public record Result(String bold, long compressedBytes, long inflatedBytes, int regions,
      double inflateBest, double inflateMedian, double taskBest, double taskMedian,
      double inflateCpu, double taskCpu, double taskThreadCpu, int repeats) {

    /** The task on two idle cores: the longer of its two threads' CPU times. */
    public double taskIdleEstimate() {
      return Math.max(taskThreadCpu, taskCpu - taskThreadCpu);
    }

    /** That estimate over inflating alone's CPU time. */
    public double cpuRatio() {
      return taskIdleEstimate() / inflateCpu;
    }

    /** Task over inflate-alone, best against best. */
    public double ratio() {
      return taskBest / inflateBest;
    }

    /**
     * One JSON object (no line break). A ratio over a CPU time too short for the clock to see
     * (a tiny file) is null, not Infinity, so the line stays JSON.
     */
    public String toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("benchmark", "fmri-run");
      o.put("bold", bold);
      o.put("compressed_bytes", compressedBytes);
      o.put("inflated_bytes", inflatedBytes);
      o.put("regions", regions);
      putFinite(o, "inflate_seconds", inflateBest);
      putFinite(o, "inflate_median_seconds", inflateMedian);
      putFinite(o, "task_seconds", taskBest);
      putFinite(o, "task_median_seconds", taskMedian);
      putFinite(o, "ratio", ratio());
      putFinite(o, "inflate_cpu_seconds", inflateCpu);
      putFinite(o, "task_cpu_seconds", taskCpu);
      putFinite(o, "task_thread_cpu_seconds", taskThreadCpu);
      putFinite(o, "task_idle_estimate_seconds", taskIdleEstimate());
      putFinite(o, "cpu_ratio", cpuRatio());
      o.put("goal_ratio", 1.2);
      o.put("repeats", repeats);
      return o.toString();
    }

    private static void putFinite(ObjectNode o, String field, double value) {
      if (Double.isFinite(value)) {
        o.put(field, value);
      } else {
        o.putNull(field);
      }
    }
  }

  /**
   * Times inflating {@code bold} alone and processing it as a run with {@code config}'s fMRI
   * settings against {@code atlas}.
   *
   * @param confounds the run's confounds TSV, or null when the strategy needs none
   */
  public static Result measure(DataSource bold, DataSource confounds, DataSource atlas,
      PipelineConfig config, int warmups, int repeats) throws IOException, RunFailure {
    FunctionalSettings settings = FunctionalSettings.from(config);
    Atlas loaded = Atlas.load(atlas, settings.budget());
    FunctionalRunProcessor processor = new FunctionalRunProcessor(settings, List.of(loaded),
        FunctionalConnectomeJob.SMOOTHING.get(ComputeBackend.JVM));
    String name = bold.fileName();
    Map<String, String> entities = BidsName.entitiesOf(name);
    FunctionalRun run = new FunctionalRun(entities, bold.name(), "sha256:bench",
        "sha256:bench", bold.size(), null, confounds == null ? null : confounds.name(),
        "bids:bench:" + name);
    long inflated = 0;
    double[] inflate = new double[repeats];
    double[] task = new double[repeats];
    double[] inflateCpu = new double[repeats];
    double[] taskCpu = new double[repeats];
    double[] taskThreadCpu = new double[repeats];
    for (int i = -warmups; i < repeats; i++) {
      long cpu = processCpu();
      long start = System.nanoTime();
      inflated = inflateAlone(bold);
      double inflateSeconds = (System.nanoTime() - start) / 1e9;
      double inflateCpuSeconds = (processCpu() - cpu) / 1e9;
      cpu = processCpu();
      long threadCpu = THREADS.getCurrentThreadCpuTime();
      start = System.nanoTime();
      processor.process(run, bold, confounds, List.of());
      double taskSeconds = (System.nanoTime() - start) / 1e9;
      if (i >= 0) {
        taskThreadCpu[i] = (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e9;
        taskCpu[i] = (processCpu() - cpu) / 1e9;
        inflateCpu[i] = inflateCpuSeconds;
        inflate[i] = inflateSeconds;
        task[i] = taskSeconds;
      }
    }
    return new Result(name, bold.size(), inflated, loaded.regions().size(), min(inflate),
        median(inflate), min(task), median(task), min(inflateCpu), min(taskCpu),
        min(taskThreadCpu), repeats);
  }

  /** This process's CPU time in nanoseconds, every thread (GC and JIT included). */
  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Inflates the whole file into a reused buffer: the floor of any reader of it. */
  static long inflateAlone(DataSource file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    try (InputStream in = new GZIPInputStream(file.openStream(), 1 << 20)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
    }
    return total;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double median(double[] values) {
    List<Double> sorted = new ArrayList<>();
    for (double v : values) {
      sorted.add(v);
    }
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
