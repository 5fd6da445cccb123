package org.sparkconnectome.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.testing.SharedSpark;

/**
 * A run whose task runs out of heap fails alone: the {@link OutOfMemoryError} of one run's work
 * (a real one, a single allocation larger than this JVM's heap) becomes that run's failed report
 * line, "out of memory" with the heap, and the other runs of the job are computed. Left to
 * Spark, the error would end this JVM (local mode's executor is the test's JVM): the test would
 * not fail, it would take the test run down.
 */
@Tag("spark")
class RunTasksOutOfMemoryTest {
  private static final int REASON = RunReportTable.SCHEMA.fieldIndex("reason");

  @Test
  void aRunThatRunsOutOfHeapFailsAloneNamingItsFileAndTheHeap() {
    SparkSession spark = SharedSpark.get();
    JavaRDD<String> runs = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(List.of("sub-01_bold.nii", "sub-02_bold.nii", "sub-03_bold.nii"), 1);
    LongAccumulator done = spark.sparkContext().longAccumulator();
    LongAccumulator failed = spark.sparkContext().longAccumulator();
    List<org.apache.spark.sql.Row> report = RunTasks.onePerRun(spark, runs, 3, "inputs",
        RunTasksOutOfMemoryTest::work,
        (run, inputs, fault) -> line(run, RunReportTable.FAILED, run + ": " + fault), done,
        failed).map(RunOutcome::report).collect();

    Map<String, String> reasons = new HashMap<>();
    Map<String, String> statuses = new HashMap<>();
    for (org.apache.spark.sql.Row r : report) {
      reasons.put(r.getString(RunReportTable.SCHEMA.fieldIndex("source")), r.getString(REASON));
      statuses.put(r.getString(RunReportTable.SCHEMA.fieldIndex("source")),
          r.getString(RunReportTable.STATUS_COLUMN));
    }
    assertEquals("computed", statuses.get("sub-01_bold.nii"));
    assertEquals("computed", statuses.get("sub-03_bold.nii"));
    assertEquals("failed", statuses.get("sub-02_bold.nii"));
    String reason = reasons.get("sub-02_bold.nii");
    long heap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    assertTrue(reason.startsWith("sub-02_bold.nii: out of memory (Java heap space) in an "
        + "executor heap of " + heap + " MiB"), reason);
    assertTrue(reason.contains("run.task_memory_budget_gb"), reason);
    // Local mode gives a task one attempt: the run is recorded on the first.
    assertFalse(reason.contains("attempts"), reason);
    assertEquals(3, done.value());
    assertEquals(1, failed.value());
  }

  @Test
  void anAttemptBeforeTheLastIsRetriedWithAnExceptionThatIsNotFatal() {
    // Outside a task the attempt is the first: of four, it is retried.
    RunTasks.RunOutOfMemoryException e = assertThrows(RunTasks.RunOutOfMemoryException.class,
        () -> RunTasks.outOfMemoryFault(new OutOfMemoryError("Java heap space"), 4));
    assertTrue(e.getMessage().contains("attempt 1 of 4"), e.getMessage());
    // Spark ends an executor whose task failed with a fatal error anywhere in the cause chain.
    assertEquals(null, e.getCause());
    assertTrue(RunTasks.outOfMemoryFault(new OutOfMemoryError("Java heap space"), 1)
        .startsWith("out of memory (Java heap space)"));
  }

  @Test
  void localModeGivesOneAttemptUnlessItsMasterSaysMore() {
    assertEquals(1, RunTasks.taskAttempts("local[2]", 4));
    assertEquals(1, RunTasks.taskAttempts("local", 4));
    assertEquals(3, RunTasks.taskAttempts("local[*, 3]", 4));
    assertEquals(4, RunTasks.taskAttempts("spark://127.0.0.1:7077", 4));
    assertEquals(8, RunTasks.taskAttempts("yarn", 8));
  }

  private static RunOutcome work(String run, String inputs,
      org.apache.hadoop.conf.Configuration conf) {
    if (run.startsWith("sub-02")) {
      // One allocation beyond any test heap (16 GiB): it fails, nothing else is taken.
      long[] huge = new long[Integer.MAX_VALUE - 16];
      return line(run + huge.length, RunReportTable.COMPUTED, null);
    }
    return line(run, RunReportTable.COMPUTED, null);
  }

  private static RunOutcome line(String source, String status, String reason) {
    return RunOutcome.reportOnly(RunReportTable.row(Map.of("sub", source.substring(4, 6)),
        source, "test", status, reason, Map.of(), "h", 0.0, new String[0]));
  }
}
