package org.sparkconnectome.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.fmri.RunCostBenchmark;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.stage.RunFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code connectome bench fmri-run}: one fMRI run's task against inflating its file alone, the
 * decompression floor the task should stay close to (docs/performance.md).
 */
@Command(name = "fmri-run", mixinStandardHelpOptions = true,
    description = {"Time inflating one gzipped BOLD run alone (the floor), then the fMRI "
        + "task's per-run work on it (region means, confound regression, band-pass, the "
        + "measures), and print both and their ratio (goal: about 1.2).",
        "A run to time: connectome sample --out DIR --subjects 1 --grid 91,109,91 "
            + "--timepoints 300 --streamlines 0"})
final class BenchFmriRunCommand implements Callable<Integer> {

  @Option(names = "--bold", required = true, paramLabel = "FILE",
      description = "The BOLD run (.nii.gz).")
  String bold;

  @Option(names = "--confounds", paramLabel = "FILE", description = "Its confounds TSV "
      + "(default: the fMRIPrep _desc-confounds_timeseries.tsv beside it).")
  String confounds;

  @Option(names = "--atlas", required = true, paramLabel = "FILE",
      description = "A label atlas (_dseg.nii.gz with its .tsv) on the run's grid or space.")
  String atlas;

  @Option(names = "--measures", defaultValue = "pearson",
      description = "fmri.measures for the task (default: pearson).")
  String measures;

  @Option(names = "--warmup", defaultValue = "1", description = "Untimed runs (default: 1).")
  int warmups;

  @Option(names = "--repeats", defaultValue = "3", description = "Timed runs (default: 3).")
  int repeats;

  @Option(names = "--json", description = "Print the result as one JSON line.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (warmups < 0 || repeats < 1) {
      throw new UserException("--warmup must be >= 0 and --repeats >= 1");
    }
    if (!bold.toLowerCase(Locale.ROOT).endsWith(".nii.gz")) {
      throw new UserException("--bold must be a gzipped NIfTI (.nii.gz): the floor measured "
          + "is inflating it, got " + bold);
    }
    DataSource boldSource = DataSources.open(bold);
    if (!boldSource.exists()) {
      throw new UserException("--bold " + bold + " does not exist");
    }
    DataSource confoundsSource = confounds != null ? DataSources.open(confounds)
        : besideConfounds(boldSource);
    PipelineConfig config = PipelineConfig.defaults().withAssignment("fmri.measures=" + measures);
    RunCostBenchmark.Result result;
    try {
      result = RunCostBenchmark.measure(boldSource, confoundsSource, DataSources.open(atlas),
          config, warmups, repeats);
    } catch (RunFailure e) {
      throw new UserException("the run could not be processed: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(result.toJson());
    } else {
      out.printf(Locale.ROOT, "%s (%d regions): inflate alone %.3f s, task %.3f s "
          + "(best of %d; medians %.3f s, %.3f s): ratio %.2f (goal <= 1.2)%n", result.bold(),
          result.regions(), result.inflateBest(), result.taskBest(), result.repeats(),
          result.inflateMedian(), result.taskMedian(), result.ratio());
      out.printf(Locale.ROOT, "CPU: inflate %.3f s; task %.3f s, %.3f s of it on the task "
          + "thread: %.3f s on two idle cores, ratio %.2f%n", result.inflateCpu(),
          result.taskCpu(), result.taskThreadCpu(), result.taskIdleEstimate(),
          result.cpuRatio());
    }
    out.flush();
    return ConnectomeCli.EXIT_OK;
  }

  /** fMRIPrep's confounds name for the run, or null when there is none beside it. */
  private static DataSource besideConfounds(DataSource bold) throws IOException {
    String name = bold.fileName();
    int space = name.indexOf("_space-");
    int cut = space >= 0 ? space : name.indexOf("_desc-");
    if (cut < 0) {
      return null;
    }
    DataSource tsv = bold.sibling(name.substring(0, cut) + "_desc-confounds_timeseries.tsv");
    return tsv.exists() ? tsv : null;
  }
}
