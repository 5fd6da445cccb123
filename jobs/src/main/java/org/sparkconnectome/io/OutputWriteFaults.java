package org.sparkconnectome.io;

import java.io.UncheckedIOException;

/**
 * The first output write fault of the current thread (a task's thread on an executor), so that
 * a per-run task can fail as a whole when a file could not be written, even though the run's
 * own code caught the exception and recorded the run as failed: a full disk is no fault of the
 * run's data, and every later run would hit it too.
 */
public final class OutputWriteFaults {
  private static final ThreadLocal<OutputWriteException> FIRST = new ThreadLocal<>();

  private OutputWriteFaults() {
  }

  static void note(OutputWriteException fault) {
    if (FIRST.get() == null) {
      FIRST.set(fault);
    }
  }

  /** Forgets earlier faults of this thread: call before a task's work. */
  public static void clear() {
    FIRST.remove();
  }

  /**
   * Throws the first fault noted since {@link #clear()}, unchecked (the Spark task fails, and
   * with it the job); returns when there was none.
   */
  public static void rethrow() {
    OutputWriteException fault = FIRST.get();
    FIRST.remove();
    if (fault != null) {
      throw new UncheckedIOException(fault.getMessage(), fault);
    }
  }
}
