package org.sparkconnectome.graph.large;

import java.io.Serializable;

/**
 * How {@link LargeGraphMetrics} iterates: PageRank damping, stopping rule and checkpointing.
 *
 * @param damping PageRank damping factor (0.85 as networkx and the per-subject metrics)
 * @param tolerance a graph has converged when the L1 change of its ranks in one iteration is
 *     below {@code nodes * tolerance} (networkx's rule)
 * @param maxIterations iterations before PageRank gives up with an ArithmeticException
 * @param checkpointInterval checkpoint the iterated graph every this many iterations (cuts the
 *     lineage that otherwise grows with every iteration); 0 = never. Needs a checkpoint
 *     directory on the SparkContext.
 */
public record LargeGraphOptions(double damping, double tolerance, int maxIterations,
    int checkpointInterval) implements Serializable {

  public LargeGraphOptions {
    if (!(damping > 0 && damping < 1)) {
      throw new IllegalArgumentException("PageRank damping must be in (0, 1), got " + damping);
    }
    if (!(tolerance > 0) || maxIterations < 1 || checkpointInterval < 0) {
      throw new IllegalArgumentException("need tolerance > 0, maxIterations >= 1 and "
          + "checkpointInterval >= 0, got " + tolerance + ", " + maxIterations + ", "
          + checkpointInterval);
    }
  }

  /** Damping 0.85, tolerance 1e-10 per node, at most 500 iterations, checkpoint every 10. */
  public static LargeGraphOptions defaults() {
    return new LargeGraphOptions(0.85, 1e-10, 500, 10);
  }
}
