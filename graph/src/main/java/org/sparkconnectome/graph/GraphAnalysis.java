package org.sparkconnectome.graph;

import java.io.Serializable;
import java.util.List;

/**
 * All metrics of one connectome under one policy: one {@link SignedMetrics} per graph the policy
 * makes (the first is the positive or absolute graph; SEPARATE adds the negative one).
 */
public record GraphAnalysis(ThresholdPolicy policy, MetricOptions options,
    List<SignedMetrics> parts) implements Serializable {

  /** The first graph's metrics: positive (DROP, SEPARATE) or absolute (ABSOLUTE). */
  public SignedMetrics primary() {
    return parts.get(0);
  }
}
