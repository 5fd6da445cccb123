package org.sparkconnectome.stage;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.sparkconnectome.io.OutputWriteFaults;
import org.sparkconnectome.io.SerializableHadoopConf;
import scala.Tuple2;

/**
 * One Spark task per run: the runs spread one per partition (a run is seconds to minutes of
 * work, so Spark's default packing of many small records per partition would serialise them),
 * what every task needs broadcast once, done and failed runs counted for the progress line, and
 * the outcomes persisted, since every output table is derived from them.
 *
 * <p>A run whose work runs out of heap ({@link OutOfMemoryError}) fails alone: the error is
 * caught here, around that one run's work, once the stack has unwound and with it every
 * buffer the run allocated. Before the task's last attempt it is rethrown as a plain
 * exception, so that Spark retries the task (perhaps on an executor with more room) without
 * taking the executor down; on the last attempt the run is recorded as failed, "out of
 * memory" with the executor's heap in its reason, and the job goes on. Left to Spark, the
 * error would end the executor's JVM (in local mode the command's), and with it every other
 * run in flight there, and after {@code spark.task.maxFailures} the whole job.
 */
public final class RunTasks {
  private static final Pattern LOCAL_WITH_FAILURES =
      Pattern.compile("local\\[\\s*(?:\\d+|\\*)\\s*,\\s*(\\d+)\\s*\\]");

  private RunTasks() {
  }

  /** One run's work on an executor; never throws for a problem with the run's own data. */
  @FunctionalInterface
  public interface Work<R, I> extends Serializable {
    RunOutcome run(R run, I inputs, Configuration conf);
  }

  /**
   * A run's report line as failed for {@code fault}, which the stage prefixes with the run's
   * input as reasons name files (relative to the dataset).
   */
  @FunctionalInterface
  public interface Failure<R, I> extends Serializable {
    RunOutcome failed(R run, I inputs, String fault);
  }

  /**
   * The task of a run that ran out of heap, on an attempt before its last: Spark retries it.
   * An exception, not an error, and without the error as its cause: Spark ends an executor
   * whose task failed with a fatal error anywhere in its cause chain
   * ({@code spark.executor.killOnFatalError.depth}).
   */
  public static final class RunOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunOutOfMemoryException(String message) {
      super(message);
    }
  }

  /**
   * @param outOfMemory the outcome of a run whose work ran out of heap on the task's last
   *     attempt
   */
  public static <R, I extends Serializable> JavaRDD<RunOutcome> onePerRun(SparkSession spark,
      JavaRDD<R> runs, long runCount, I inputs, Work<R, I> work, Failure<R, I> outOfMemory,
      LongAccumulator done, LongAccumulator failed) {
    int attempts = taskAttempts(spark.sparkContext());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<I> shared = jsc.broadcast(inputs);
    SerializableHadoopConf conf = new SerializableHadoopConf(
        spark.sparkContext().hadoopConfiguration());
    int partitions = (int) Math.max(1, Math.min(runCount, 100_000));
    return runs.zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
        .partitionBy(new HashPartitioner(partitions))
        .values()
        .map(run -> {
          OutputWriteFaults.clear();
          I in = shared.value();
          RunOutcome outcome;
          try {
            outcome = work.run(run, in, conf.get());
          } catch (OutOfMemoryError e) {
            // Only the run's own work: what it allocated is unreachable once it has unwound.
            outcome = outOfMemory.failed(run, in, outOfMemoryFault(e, attempts));
          }
          // A file the output location refused (a full disk) fails the task and the command,
          // even where the run's own code recorded it as this run's failure.
          OutputWriteFaults.rethrow();
          done.add(1);
          if (!outcome.succeeded()) {
            failed.add(1);
          }
          return outcome;
        })
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
  }

  /**
   * How many attempts Spark gives a task: {@code spark.task.maxFailures} on a cluster; in local
   * mode 1, or F of {@code local[N,F]}.
   */
  public static int taskAttempts(SparkContext sc) {
    return taskAttempts(sc.master(), sc.getConf().getInt("spark.task.maxFailures", 4));
  }

  /** {@link #taskAttempts(SparkContext)} for a master URL and {@code spark.task.maxFailures}. */
  static int taskAttempts(String master, int maxFailures) {
    if (master.startsWith("local")) {
      Matcher m = LOCAL_WITH_FAILURES.matcher(master);
      return m.matches() ? Math.max(1, Integer.parseInt(m.group(1))) : 1;
    }
    return Math.max(1, maxFailures);
  }

  /**
   * What a run's task does after its own work threw {@code e}: on an attempt before the last
   * it throws {@link RunOutOfMemoryException}, so that Spark runs the task again; on the last
   * it returns the fault for the run's report line, with the executor's heap.
   */
  public static String outOfMemoryFault(OutOfMemoryError e, int attempts) {
    TaskContext task = TaskContext.get();
    int attempt = task == null ? 0 : task.attemptNumber();
    long heapMib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    String what = "out of memory (" + e.getMessage() + ") in an executor heap of " + heapMib
        + " MiB";
    if (attempt + 1 < attempts) {
      throw new RunOutOfMemoryException(String.format(Locale.ROOT, "%s, attempt %d of %d: "
          + "the task is retried", what, attempt + 1, attempts));
    }
    return what + (attempt > 0 ? ", on the last of its task's " + (attempt + 1) + " attempts"
        : "")
        + ": raise spark.executor.memory (or lower spark.executor.cores), or set "
        + TaskBudget.KEY + " below the heap of one task, so that such runs are refused from "
        + "their headers";
  }
}
