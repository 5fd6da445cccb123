package org.sparkconnectome.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1: a Master and Workers, each its own JVM started from
 * Spark's jars, as {@code sbin/start-master.sh} and {@code start-worker.sh} would start them.
 *
 * <p>There is no Spark distribution: SPARK_HOME is a folder with an empty {@code jars/}, and
 * {@code SPARK_DIST_CLASSPATH} (the "Hadoop free" build's hook) gives the Workers' command
 * builder Spark's jars for the executors they launch.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final SparkRuntime runtime;
  private final Path dir;
  private final Path logs;
  private final Map<String, String> env;
  private final int port;
  private ChildProcess master;
  private final List<ChildProcess> workers = new ArrayList<>();

  private StandaloneCluster(SparkRuntime runtime, Path dir, Path logs) throws IOException {
    this.runtime = runtime;
    this.dir = dir;
    this.logs = logs;
    Path home = dir.resolve("spark-home");
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("conf"));
    this.env = Map.of(
        // Every Spark socket and web UI binds to this address.
        "SPARK_LOCAL_IP", LoopbackPorts.HOST,
        "SPARK_HOME", home.toString(),
        "SPARK_CONF_DIR", home.resolve("conf").toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_DIST_CLASSPATH", runtime.classpath());
    this.port = LoopbackPorts.free();
  }

  /** Starts a master and {@code workerCount} workers of one core and 1 GiB each. */
  static StandaloneCluster start(SparkRuntime runtime, Path dir, Path logs, int workerCount)
      throws IOException, InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(runtime, dir, logs);
    try {
      cluster.startMaster();
      for (int i = 0; i < workerCount; i++) {
        cluster.workers.add(cluster.startWorker(i));
      }
      for (ChildProcess worker : cluster.workers) {
        worker.awaitLog(Pattern.compile("Successfully registered with master"), START_TIMEOUT);
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  private void startMaster() throws IOException, InterruptedException {
    List<String> args = List.of("--host", LoopbackPorts.HOST, "--port", String.valueOf(port),
        "--webui-port", String.valueOf(LoopbackPorts.free()));
    // The REST submission server is not needed: client-mode submits talk RPC to the master.
    List<String> cmd = runtime.javaCommand("256m", List.of("-Dspark.master.rest.enabled=false"),
        "org.apache.spark.deploy.master.Master", args);
    master = ChildProcess.start("master", cmd, env, logs.resolve("master.log"));
    master.awaitLog(Pattern.compile("I have been elected leader"), START_TIMEOUT);
  }

  private ChildProcess startWorker(int index) throws IOException {
    Path work = Files.createDirectories(dir.resolve("worker-" + index));
    List<String> args = List.of(masterUrl(), "--host", LoopbackPorts.HOST,
        "--webui-port", String.valueOf(LoopbackPorts.free()),
        "--cores", "1", "--memory", "1g", "--work-dir", work.toString());
    List<String> cmd = runtime.javaCommand("256m", List.of(),
        "org.apache.spark.deploy.worker.Worker", args);
    String name = "worker-" + index;
    return ChildProcess.start(name, cmd, env, logs.resolve(name + ".log"));
  }

  /**
   * Starts a fresh worker in place of one a test killed, so that later tests again have two;
   * returns once the master registered it.
   */
  void replace(ChildProcess dead) throws IOException, InterruptedException {
    int index = workers.indexOf(dead);
    if (index < 0 || dead.isAlive()) {
      throw new IllegalStateException(dead.name() + " is not a dead worker of this cluster");
    }
    ChildProcess fresh = startWorker(workers.size());
    fresh.awaitLog(Pattern.compile("Successfully registered with master"), START_TIMEOUT);
    workers.set(index, fresh);
  }

  String masterUrl() {
    return "spark://" + LoopbackPorts.HOST + ":" + port;
  }

  Map<String, String> env() {
    return env;
  }

  List<ChildProcess> workers() {
    return workers;
  }

  /** The worker that launched executor {@code executorId} of the running application. */
  ChildProcess workerOfExecutor(String executorId, Duration timeout) throws InterruptedException {
    Pattern launched = Pattern.compile("Asked to launch executor app-[0-9-]+/" + executorId
        + " ");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ChildProcess worker : workers) {
        Matcher m = launched.matcher(worker.log());
        if (m.find()) {
          return worker;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no worker says it launched executor " + executorId);
  }

  /** Kills every worker (with its executors) and the master; safe to call twice. */
  @Override
  public void close() throws InterruptedException {
    for (ChildProcess worker : workers) {
      worker.kill();
    }
    if (master != null) {
      master.kill();
    }
  }
}
