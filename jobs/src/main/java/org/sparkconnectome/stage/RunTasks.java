package org.sparkconnectome.stage;

import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
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
 */
public final class RunTasks {
  private RunTasks() {
  }

  /** One run's work on an executor; never throws for a problem with the run's own data. */
  @FunctionalInterface
  public interface Work<R, I> extends Serializable {
    RunOutcome run(R run, I inputs, Configuration conf);
  }

  public static <R, I extends Serializable> JavaRDD<RunOutcome> onePerRun(SparkSession spark,
      JavaRDD<R> runs, long runCount, I inputs, Work<R, I> work, LongAccumulator done,
      LongAccumulator failed) {
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
          RunOutcome outcome = work.run(run, shared.value(), conf.get());
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
}
