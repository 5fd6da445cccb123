package org.sparkconnectome.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pipeline run's seconds go: wall time and Spark jobs per phase (scan, plan, tasks,
 * network, commits), one log line per phase and a summary at the end. The fixed cost of a small
 * cohort is mostly driver-side jobs (each a scheduling round trip), so the count says as much as
 * the seconds.
 */
public final class PhaseClock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseClock.class);

  /** One finished phase. */
  public record Phase(String name, double seconds, int jobs) {
  }

  private final SparkContext sc;
  private final AtomicInteger jobs = new AtomicInteger();
  private final SparkListener listener = new SparkListener() {
    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }
  };
  private final List<Phase> phases = new ArrayList<>();
  private long phaseStart = System.nanoTime();
  private int phaseJobs;

  public PhaseClock(SparkContext sc) {
    this.sc = sc;
    sc.addSparkListener(listener);
    LOG.info(String.format(Locale.ROOT, "phase startup (JVM, Spark, settings, atlases): %.1f s",
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
  }

  /** Ends the current phase under {@code name} and starts the next one. */
  public synchronized Phase lap(String name) {
    long now = System.nanoTime();
    int total = jobs.get();
    Phase phase = new Phase(name, (now - phaseStart) / 1e9, total - phaseJobs);
    phases.add(phase);
    phaseStart = now;
    phaseJobs = total;
    LOG.info(String.format(Locale.ROOT, "phase %s: %.1f s, %d Spark jobs", phase.name(),
        phase.seconds(), phase.jobs()));
    return phase;
  }

  /** The phases finished so far, in order. */
  public synchronized List<Phase> phases() {
    return List.copyOf(phases);
  }

  /** "scan 3.1 s/4 jobs, plan ..." over every phase. */
  public synchronized String summary() {
    StringBuilder s = new StringBuilder();
    double total = 0;
    int totalJobs = 0;
    for (Phase p : phases) {
      s.append(String.format(Locale.ROOT, "%s%s %.1f s/%d jobs", s.length() == 0 ? "" : ", ",
          p.name(), p.seconds(), p.jobs()));
      total += p.seconds();
      totalJobs += p.jobs();
    }
    return String.format(Locale.ROOT, "%.1f s, %d Spark jobs: %s", total, totalJobs, s);
  }

  @Override
  public void close() {
    sc.removeSparkListener(listener);
  }
}
