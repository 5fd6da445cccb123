package org.sparkconnectome.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table commits of one pipeline run, overlapped: Delta has no commit across tables, so each
 * table is its own commit anyway, and on a small cohort each costs a few driver-side Spark jobs
 * of latency rather than work. They run on a few driver threads (Spark schedules jobs from
 * several threads at once); {@link #awaitAll} returns when every one succeeded and throws the
 * first failure otherwise, so the caller commits the run report, which makes the run count as
 * done, only after all of them.
 */
public final class TableCommits implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableCommits.class);
  /** Enough to overlap the driver's latency; more only queue on a small machine. */
  private static final int THREADS = 4;

  private final TableStore tables;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
    Thread t = new Thread(r, "connectome-commit");
    t.setDaemon(true);
    return t;
  });
  private final List<Future<?>> pending = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  public TableCommits(TableStore tables) {
    this.tables = tables;
  }

  /** Replaces the table's content in one commit, on a commit thread. */
  public synchronized void replace(String table, Dataset<Row> rows) {
    pending.add(pool.submit(() -> {
      long start = System.nanoTime();
      try {
        tables.replace(table, rows);
      } catch (RuntimeException e) {
        // Several commits run at once: the log says which table failed; the exception goes on
        // unchanged, so that a user error still reads as one.
        LOG.error("table {} not committed: {}", table, e.getMessage());
        throw e;
      }
      LOG.info(String.format(Locale.ROOT, "table %s committed (%.1f s)", table,
          (System.nanoTime() - start) / 1e9));
    }));
  }

  /** Notes a table left at its current version: nothing in it changed. */
  public synchronized void unchanged(String table) {
    skipped.add(table);
  }

  /** Waits for every commit; the first failure, if any, after all have ended. */
  public void awaitAll() {
    RuntimeException first = null;
    List<Future<?>> all;
    synchronized (this) {
      all = List.copyOf(pending);
    }
    for (Future<?> f : all) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException(e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while committing tables", e);
      }
    }
    if (first != null) {
      throw first;
    }
    if (!skipped.isEmpty()) {
      LOG.info("tables unchanged, no new version: {}", String.join(", ", skipped));
    }
  }

  /** The tables left at their version. */
  public synchronized List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Takes no more commits and waits for those already running, so that none is still writing
   * (or is cut off mid-write) when the caller stops Spark after a failure elsewhere.
   */
  @Override
  public void close() {
    pool.shutdown();
    try {
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.info("waiting for table commits in progress");
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
