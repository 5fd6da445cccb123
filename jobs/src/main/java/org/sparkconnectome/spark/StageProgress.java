package org.sparkconnectome.spark;

import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Console progress of one stage ("fMRI 37/120 runs, 2.1 runs/s, 1 failed, ~40 s left"), counted
 * with accumulators that tasks add to and printed by a driver thread while the stage runs.
 */
public final class StageProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageProgress.class);
  private static final long INTERVAL_MS = 5000;

  private final String stage;
  private final String unit;
  private final long total;
  private final LongAccumulator done;
  private final LongAccumulator failed;
  private final long startNanos = System.nanoTime();
  private Thread printer;

  public StageProgress(SparkContext sc, String stage, String unit, long total) {
    this.stage = stage;
    this.unit = unit;
    this.total = total;
    this.done = sc.longAccumulator(stage + " done");
    this.failed = sc.longAccumulator(stage + " failed");
  }

  /** Counter tasks add 1 to for every finished unit (failed ones included). */
  public LongAccumulator done() {
    return done;
  }

  /** Counter tasks add 1 to for every failed unit. */
  public LongAccumulator failed() {
    return failed;
  }

  /** Starts printing a line every few seconds while something changes. */
  public StageProgress start() {
    printer = new Thread(() -> {
      long last = -1;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(INTERVAL_MS);
          long now = done.value();
          if (now != last) {
            LOG.info(line());
            last = now;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "connectome-progress-" + stage);
    printer.setDaemon(true);
    printer.start();
    return this;
  }

  /** The current progress line. */
  public String line() {
    long finished = done.value();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = seconds > 0 ? finished / seconds : 0;
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s %d/%d %s, %.2f %s/s",
        stage, finished, total, unit, rate, unit));
    if (failed.value() > 0) {
      b.append(", ").append(failed.value()).append(" failed");
    }
    if (finished > 0 && finished < total) {
      b.append(String.format(Locale.ROOT, ", ~%.0f s left", (total - finished) / rate));
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (printer != null) {
      printer.interrupt();
    }
    LOG.info(line() + String.format(Locale.ROOT, " (%.1f s)",
        (System.nanoTime() - startNanos) / 1e9));
  }
}
