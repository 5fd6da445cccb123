package org.sparkconnectome.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sparkconnectome.config.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code connectome bench job}: the whole job against the peer script, each in a fresh process
 * on one cohort: our {@code run} end to end (scan, tasks, tables, sidecars) through
 * {@code bin/connectome}, and {@code jobs/bench/peer_cohort.py} (nibabel or its reader + numpy +
 * scipy, two processes) doing the same per-run work. Issue 15's goal is a throughput ratio (peer
 * seconds over ours) of at least 1.0 at 4 runs and 1.8 at 16.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
    description = {"Time `connectome run` end to end (a fresh JVM through bin/connectome, "
        + "fmri.denoise=motion6, fmri.measures=pearson, report off) against the peer script "
        + "jobs/bench/peer_cohort.py (same work in nilearn's order, two processes) on one "
        + "cohort, and print both wall times, the throughput ratio and the goal.",
        "Without --bids the cohort is generated first with the printed `connectome sample` "
            + "command (float32 .nii.gz, the sample atlas)."})
final class BenchJobCommand implements Callable<Integer> {

  @Option(names = "--runs", defaultValue = "4", description = "Runs to generate (default: 4).")
  int runs;

  @Option(names = "--grid", split = ",", paramLabel = "X,Y,Z", defaultValue = "91,109,91",
      description = "Voxel grid of the generated runs (default: 91,109,91, MNI 2 mm).")
  int[] grid;

  @Option(names = "--timepoints", defaultValue = "300", paramLabel = "T",
      description = "Volumes per generated run (default: 300).")
  int timepoints;

  @Option(names = "--bids", paramLabel = "DIR",
      description = "Time this cohort (written by `connectome sample`) instead of generating.")
  Path bids;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Folder for the cohort, outputs and logs (default: a new temporary one).")
  Path work;

  @Option(names = "--python", defaultValue = "python3",
      description = "Interpreter for the peer (default: python3 on PATH).")
  String python;

  @Option(names = "--processes", defaultValue = "2",
      description = "Peer processes (default: 2).")
  int processes;

  @Option(names = "--json", description = "Print the result as one JSON line.")
  boolean json;

  @Spec
  CommandSpec spec;

  /** Issue 15's goal for a cohort of this many runs, or NaN where it names none. */
  static double goal(int runs) {
    if (runs >= 16) {
      return 1.8;
    }
    return runs >= 4 ? 1.0 : Double.NaN;
  }

  /** The {@code connectome sample} command that writes the benchmark's cohort. */
  static List<String> generatorCommand(String launcher, Path cohort, int runs, int[] grid,
      int timepoints) {
    return List.of(launcher, "sample", "--out", cohort.toString(), "--subjects",
        Integer.toString(runs), "--grid", grid[0] + "," + grid[1] + "," + grid[2],
        "--timepoints", Integer.toString(timepoints), "--streamlines", "0", "--float32");
  }

  /** Our side: the whole job with the work the peer does, default outputs otherwise. */
  static List<String> ourCommand(String launcher, Path cohort, Path out) {
    return List.of(launcher, "run", "--bids", cohort.toString(), "--out", out.toString(),
        "--set", "fmri.denoise=motion6", "--set", "fmri.measures=pearson",
        "--set", "report.enabled=false", "--spark-conf", "spark.ui.enabled=false");
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || timepoints < 10 || processes < 1 || grid.length != 3 || grid[0] < 4
        || grid[1] < 4 || grid[2] < 4) {
      throw new UserException("--runs and --processes must be >= 1, --timepoints >= 10 and "
          + "--grid X,Y,Z each >= 4");
    }
    String home = System.getProperty("connectome.home");
    if (home == null) {
      throw new UserException("bench job runs bin/connectome: start it through bin/connectome");
    }
    String launcher = Path.of(home, "bin", "connectome").toString();
    Path peer = Path.of(home, "jobs", "bench", "peer_cohort.py");
    Path dir = work != null ? Files.createDirectories(work)
        : Files.createTempDirectory("connectome-bench-job");
    var out = spec.commandLine().getOut();
    Path cohort = bids;
    String generator = null;
    if (cohort == null) {
      cohort = dir.resolve("cohort");
      List<String> generate = generatorCommand(launcher, cohort, runs, grid, timepoints);
      generator = String.join(" ", generate);
      if (!json) {
        out.println("cohort: " + generator);
        out.flush();
      }
      deleteTree(cohort);
      run(generate, dir.resolve("sample.log"));
    }
    Path ours = dir.resolve("ours");
    deleteTree(ours);
    double ourSeconds = run(ourCommand(launcher, cohort, ours), dir.resolve("ours.log"));
    Path peerOut = dir.resolve("peer");
    deleteTree(peerOut);
    double peerSeconds = run(List.of(python, peer.toString(), "--bids", cohort.toString(),
        "--out", peerOut.toString(), "--processes", Integer.toString(processes)),
        dir.resolve("peer.log"));
    int counted = countRuns(peerOut);
    double ratio = peerSeconds / ourSeconds;
    double goal = goal(counted);
    if (json) {
      out.println(String.format(Locale.ROOT, "{\"bench\":\"job\",\"runs\":%d,\"ours_seconds\":"
          + "%.2f,\"peer_seconds\":%.2f,\"ratio\":%.3f,\"goal\":%s,\"meets_goal\":%s,"
          + "\"generator\":%s,\"work\":\"%s\"}", counted, ourSeconds, peerSeconds, ratio,
          Double.isNaN(goal) ? "null" : Double.toString(goal),
          Double.isNaN(goal) ? "null" : Boolean.toString(ratio >= goal),
          generator == null ? "null" : "\"" + generator.replace("\"", "\\\"") + "\"",
          dir.toString().replace("\"", "\\\"")));
    } else {
      out.printf(Locale.ROOT, "%d runs: connectome run %.1f s, peer (%s, %d processes) %.1f s, "
          + "throughput ratio %.2f%s%n", counted, ourSeconds, python, processes, peerSeconds,
          ratio, Double.isNaN(goal) ? " (issue 15 names goals at 4 and 16 runs)"
              : String.format(Locale.ROOT, " (goal >= %.1f: %s)", goal,
                  ratio >= goal ? "met" : "not met"));
      phases(dir.resolve("ours.log")).ifPresent(line -> out.println("ours: " + line));
      out.println("logs and outputs: " + dir);
    }
    out.flush();
    return ConnectomeCli.EXIT_OK;
  }

  /** Runs a child process to its end; its wall seconds. Output goes to {@code log}. */
  private static double run(List<String> command, Path log) throws IOException,
      InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    long start = System.nanoTime();
    int code = builder.start().waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new UserException(String.join(" ", command) + " failed (exit " + code + "); end of "
          + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15),
          lines.size())));
    }
    return seconds;
  }

  /** Our run's phase summary ("pipeline: 41.2 s, 139 Spark jobs: scan ..."), if it logged one. */
  private static java.util.Optional<String> phases(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains("CohortPipeline: pipeline: "))
          .map(l -> l.substring(l.indexOf("pipeline: "))).reduce((a, b) -> b);
    }
  }

  /** The runs the peer wrote a matrix for: the cohort's size, also for --bids. */
  private static int countRuns(Path peerOut) throws IOException {
    try (Stream<Path> files = Files.list(peerOut)) {
      return (int) files.filter(p -> p.getFileName().toString().endsWith("_pearson.tsv"))
          .count();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.delete(p);
    }
  }
}
