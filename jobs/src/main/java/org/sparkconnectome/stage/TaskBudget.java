package org.sparkconnectome.stage;

import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.formats.MemoryBudget;

/**
 * {@code run.task_memory_budget_gb}: what one run's task may hold, read once for every stage
 * (the fMRI runs, the dMRI tensor fit and tracking, the atlases), so that no stage needs
 * another's settings to know it.
 */
public final class TaskBudget {
  /** The setting's key. */
  public static final String KEY = "run.task_memory_budget_gb";

  private TaskBudget() {
  }

  /** The budget the configuration sets; a value that is not a positive number is refused. */
  public static MemoryBudget of(PipelineConfig config) {
    double gb = config.getDouble(KEY);
    if (!(gb > 0) || Double.isInfinite(gb)) {
      throw new UserException(KEY + " must be a positive number of GB, got " + config.get(KEY));
    }
    return MemoryBudget.ofGigabytes(gb, KEY);
  }
}
