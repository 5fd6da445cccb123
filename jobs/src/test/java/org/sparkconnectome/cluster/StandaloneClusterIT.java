package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.sample.EegCohortGenerator;
import org.sparkconnectome.sample.EegSampleSpec;
import org.sparkconnectome.testing.SharedSpark;

/**
 * {@code spark-submit} of the jobs jar to a real Spark standalone cluster (a master and two
 * workers, each its own JVM, all on 127.0.0.1): the results equal those of local mode, also when
 * a worker dies while the fMRI tasks run; a run too large for the executors' heap fails alone.
 */
@Tag("spark")
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);
  /**
   * The stage that computes one run's connectomes per task (the map over selected runs, in
   * stage.RunTasks since every per-run stage shares it; the sample cohort's first is fMRI's).
   */
  private static final Pattern FMRI_STAGE = Pattern.compile(
      "Submitting \\w*Stage (\\d+) \\(\\S+ at (?:map|mapPartitions|flatMap) at "
          + "(?:FunctionalConnectomeJob|RunTasks)\\.java");

  /**
   * The stage that merges a tractogram's streamline-range partials and finishes the run (the
   * reduce side of StructuralConnectomeJob's reduceByKey, ending in its map over runs).
   */
  private static final Pattern DMRI_MERGE_STAGE = Pattern.compile(
      "Submitting \\w*Stage (\\d+) \\(\\S+ at map at StructuralConnectomeJob\\.java");

  @TempDir
  static Path dir;
  /** Daemon and driver logs stay in target/ for whoever reads a failure. */
  private static final Path LOGS = Path.of("target", "cluster-it");
  private static SparkRuntime runtime;
  private static StandaloneCluster cluster;
  private static Path bids;
  private static Path localOut;

  @BeforeAll
  static void startClusterAndRunLocally() throws IOException, InterruptedException {
    runtime = SparkRuntime.ofThisBuild();
    Files.createDirectories(LOGS);
    cluster = StandaloneCluster.start(runtime, dir.resolve("cluster"), LOGS, 2);
    LocalReference reference = LocalReference.get();
    bids = reference.bids();
    localOut = reference.out();
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void submittedJobGivesTheResultsOfLocalMode() throws Exception {
    Path out = dir.resolve("cluster-out");
    try (ChildProcess driver = submit(out, "driver.log")) {
      assertEquals(0, driver.awaitExit(JOB_TIMEOUT), driver.tail());
      assertTrue(driver.log().contains("runs: 8 computed, 0 skipped, 0 failed"), driver.tail());
      // Both workers' executors finished tasks: the job really ran distributed.
      long executors = Pattern.compile("Finished task \\S+ in stage .*\\(executor (\\d+)\\)")
          .matcher(driver.log()).results().map(m -> m.group(1)).distinct().count();
      assertEquals(2, executors, "executors that finished tasks");
    }
    OutputComparison.assertSameResults(SharedSpark.get(), localOut, out);
  }

  @Test
  @Order(2)
  void losingAWorkerWhileTasksRunLosesNothing() throws Exception {
    Path out = dir.resolve("cluster-fault-out");
    try (ChildProcess driver = submit(out, "driver-fault.log")) {
      String stage = driver.awaitLog(FMRI_STAGE, JOB_TIMEOUT).group(1);
      Matcher task = driver.awaitLog(Pattern.compile("Starting task [0-9.]+ in stage " + stage
          + "\\.0 \\(TID (\\d+)\\) \\(127\\.0\\.0\\.1, ?executor (\\d+)"), JOB_TIMEOUT);
      String tid = task.group(1);
      String executor = task.group(2);
      ChildProcess victim = cluster.workerOfExecutor(executor, Duration.ofSeconds(10));
      victim.kill();
      assertFalse(victim.isAlive());

      assertEquals(0, driver.awaitExit(JOB_TIMEOUT), driver.tail());
      String log = driver.log();
      assertTrue(log.contains("runs: 8 computed, 0 skipped, 0 failed"), driver.tail());
      assertTrue(Pattern.compile("Lost executor " + executor + "\\b").matcher(log).find(),
          "the driver never noticed the lost executor " + executor);
      // The fMRI task in flight on the killed worker failed and was run again elsewhere.
      String inFlight = "in stage " + stage + "\\.0 \\(TID " + tid + "\\)";
      assertTrue(Pattern.compile("Lost task [0-9.]+ " + inFlight + "|task [0-9.]+ " + inFlight
          + " failed").matcher(log).find(),
          "task " + tid + " finished before executor " + executor + " died: the kill came too "
              + "late:\n" + linesWith(log, "TID " + tid + ")"));
    }
    OutputComparison.assertSameResults(SharedSpark.get(), localOut, out);
  }

  /**
   * A worker lost while the dMRI merge runs: its merge task and the shuffle output it held are
   * recomputed elsewhere, and the results equal local mode's. A fresh worker takes its place for
   * the later tests.
   */
  @Test
  @Order(3)
  void losingAWorkerDuringTheDmriMergeLosesNothing() throws Exception {
    if (cluster.workers().stream().anyMatch(w -> !w.isAlive())) {
      cluster.replace(cluster.workers().stream().filter(w -> !w.isAlive()).findFirst()
          .orElseThrow());
    }
    Path out = dir.resolve("cluster-merge-fault-out");
    ChildProcess victim;
    try (ChildProcess driver = submit(out, "driver-merge-fault.log")) {
      String stage = driver.awaitLog(DMRI_MERGE_STAGE, JOB_TIMEOUT).group(1);
      Matcher task = driver.awaitLog(Pattern.compile("Starting task [0-9.]+ in stage " + stage
          + "\\.0 \\(TID (\\d+)\\) \\(127\\.0\\.0\\.1, ?executor (\\d+)"), JOB_TIMEOUT);
      String tid = task.group(1);
      String executor = task.group(2);
      victim = cluster.workerOfExecutor(executor, Duration.ofSeconds(10));
      victim.kill();
      assertFalse(victim.isAlive());

      assertEquals(0, driver.awaitExit(JOB_TIMEOUT), driver.tail());
      String log = driver.log();
      assertTrue(log.contains("runs: 8 computed, 0 skipped, 0 failed"), driver.tail());
      String inFlight = "in stage " + stage + "\\.\\d+ \\(TID " + tid + "\\)";
      assertTrue(Pattern.compile("Lost task [0-9.]+ " + inFlight + "|task [0-9.]+ " + inFlight
          + " failed").matcher(log).find(),
          "merge task " + tid + " finished before executor " + executor + " died: the kill came "
              + "too late:\n" + linesWith(log, "TID " + tid + ")"));
    }
    OutputComparison.assertSameResults(SharedSpark.get(), localOut, out);
    cluster.replace(victim);
  }

  /**
   * EEG on the cluster: the executors run the spectra (JTransforms travels in the jobs jar) and
   * give the results of local mode.
   */
  @Test
  @Order(4)
  void eegRecordingsGiveTheResultsOfLocalMode() throws Exception {
    Path eeg = dir.resolve("eeg-bids");
    new EegCohortGenerator(EegSampleSpec.defaults(4, 5).withSeconds(30)).generate(eeg);
    List<String> run = List.of("run", "--bids", eeg.toString(), "--set",
        "eeg.measures=coherence,wpli,aec", "--set", "eeg.min_epochs=5", "--out");
    Path local = dir.resolve("eeg-local");
    SharedSpark.get();
    List<String> localArgs = new ArrayList<>(run);
    localArgs.add(local.toString());
    assertEquals(0, ConnectomeCli.commandLine().execute(localArgs.toArray(new String[0])));
    Path out = dir.resolve("eeg-cluster");
    List<String> clusterArgs = new ArrayList<>(run);
    clusterArgs.add(out.toString());
    try (ChildProcess driver = submit(clusterArgs, "driver-eeg.log")) {
      assertEquals(0, driver.awaitExit(JOB_TIMEOUT), driver.tail());
      assertTrue(driver.log().contains("runs: 4 computed, 0 skipped, 0 failed"), driver.tail());
    }
    OutputComparison.assertSameResults(SharedSpark.get(), local, out);
  }

  /**
   * A run too large for the executors' heap (640 MiB) but within the task budget (set to 16 GB
   * so that its header is admitted): a 600^3-voxel BOLD whose atlas map alone is an 864 MB
   * array. Each attempt of its task runs out of heap; the attempts before the last fail with an
   * exception and are retried, no executor is lost, and after the last the run is one failed
   * line of the run report naming the file, "out of memory" and the heap, while the other runs
   * are computed and published.
   */
  @Test
  @Order(5)
  void aRunTooLargeForTheExecutorHeapFailsAloneAfterItsAttempts() throws Exception {
    Path oomBids = dir.resolve("oom-bids");
    copyTree(bids, oomBids);
    Path func = oomBids.resolve("sub-04/func");
    String huge = "sub-04_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii";
    hugeBold(func.resolve("sub-04_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz"),
        func.resolve(huge), 600);
    Files.copy(func.resolve("sub-04_task-rest_desc-confounds_timeseries.tsv"),
        func.resolve("sub-04_task-rest_run-2_desc-confounds_timeseries.tsv"));
    Path out = dir.resolve("cluster-oom-out");
    try (ChildProcess driver = submit(List.of("run", "--bids", oomBids.toString(), "--out",
        out.toString(), "--set", "run.task_memory_budget_gb=16", "--set",
        "report.enabled=false"), "driver-oom.log")) {
      assertEquals(3, driver.awaitExit(JOB_TIMEOUT), driver.tail());
      String log = driver.log();
      assertTrue(log.contains("runs: 8 computed, 0 skipped, 1 failed"), driver.tail());
      assertFalse(log.contains("Lost executor"), "an executor died:\n"
          + linesWith(log, "Lost executor"));
      List<String> retried = log.lines().filter(l -> l.contains("Lost task")
          && l.contains("RunOutOfMemoryException")).toList();
      assertEquals(3, retried.size(), "attempts before the last of spark.task.maxFailures 4:\n"
          + String.join("\n", retried));
    }
    JsonNode failed = null;
    int computed = 0;
    for (JsonNode r : new ObjectMapper().readTree(out.resolve("run-report.json").toFile())
        .get("runs")) {
      if (r.get("status").asText().equals("failed")) {
        failed = r;
        continue;
      }
      assertEquals("computed", r.get("status").asText(), r.toString());
      computed++;
      for (JsonNode file : r.get("outputs")) {
        assertTrue(Files.isRegularFile(out.resolve(file.asText())), "published: " + file);
      }
    }
    assertEquals(8, computed);
    assertTrue(failed != null && failed.get("source").asText().endsWith(huge), "" + failed);
    String reason = failed.get("reason").asText();
    assertTrue(reason.startsWith("bids:preprocessed:sub-04/func/" + huge + ": out of memory "
        + "(Java heap space) in an executor heap of "), reason);
    Matcher heap = Pattern.compile("heap of (\\d+) MiB, on the last of its task's 4 attempts")
        .matcher(reason);
    assertTrue(heap.find(), reason);
    assertTrue(Integer.parseInt(heap.group(1)) <= 640, reason);
    assertTrue(reason.contains("run.task_memory_budget_gb"), reason);
  }

  /**
   * A float32-sized but uint8 BOLD of {@code n}^3 voxels and two volumes over the field of view
   * of {@code template} (its affine scaled), as a sparse file: a few hundred bytes written.
   */
  private static void hugeBold(Path template, Path file, int n) throws IOException {
    NiftiHeader t = NiftiImage.open(new LocalDataSource(template)).header();
    double[][] a = t.affine();
    double scale = (double) t.dim(0) / n;
    ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 348);
    short[] dim = {4, (short) n, (short) n, (short) n, 2, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putShort(40 + 2 * i, dim[i]);
    }
    h.putShort(70, (short) 2).putShort(72, (short) 8);
    float[] pixdim = {1, (float) (t.pixdim()[0] * scale), (float) (t.pixdim()[1] * scale),
        (float) (t.pixdim()[2] * scale), 2, 1, 1, 1};
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, pixdim[i]);
    }
    h.putFloat(108, 352f).putFloat(112, 1f);
    h.put(123, (byte) 10);
    h.putShort(254, (short) 1);
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 4; col++) {
        h.putFloat(280 + 16 * row + 4 * col, (float) (col < 3 ? a[row][col] * scale : a[row][3]));
      }
    }
    h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
    Files.write(file, h.array());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(352 + 2L * n * n * n);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** {@code spark-submit --master spark://... --class ConnectomeCli <jar> run ...}, client mode. */
  private static ChildProcess submit(Path out, String logName) throws IOException {
    return submit(List.of("run", "--bids", bids.toString(), "--out", out.toString()), logName);
  }

  private static ChildProcess submit(List<String> command, String logName) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--master", cluster.masterUrl(),
        "--deploy-mode", "client",
        "--name", "connectome cluster test",
        "--conf", "spark.driver.host=" + LoopbackPorts.HOST,
        "--conf", "spark.driver.bindAddress=" + LoopbackPorts.HOST,
        "--conf", "spark.ui.enabled=false",
        "--conf", "spark.executor.memory=640m",
        "--class", ConnectomeCli.class.getName(),
        runtime.jobsJar().toString()));
    args.addAll(command);
    List<String> cmd = runtime.javaCommand("1g", List.of(),
        "org.apache.spark.deploy.SparkSubmit", args);
    return ChildProcess.start("spark-submit", cmd, cluster.env(), LOGS.resolve(logName));
  }

  private static String linesWith(String log, String text) {
    return log.lines().filter(l -> l.contains(text)).limit(40)
        .reduce("", (a, b) -> a + b + "\n");
  }
}
