package org.sparkconnectome.network;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.graph.MetricOptions;
import org.sparkconnectome.graph.ThresholdPolicy;

/**
 * The {@code graph.*} settings: which matrices get network metrics, how weights become a graph,
 * and the consensus rule of the cohort atlas graph.
 */
public record NetworkSettings(List<String> measures, ThresholdPolicy policy,
    MetricOptions options, double consensus) implements Serializable {

  public static NetworkSettings from(PipelineConfig config) {
    List<String> measures = new ArrayList<>();
    for (String m : config.get("graph.measures").split(",")) {
      if (!m.isBlank()) {
        measures.add(m.trim());
      }
    }
    try {
      ThresholdPolicy policy = ThresholdPolicy.parse(config.get("graph.negative"),
          config.get("graph.threshold"));
      MetricOptions options = new MetricOptions(config.getInt("graph.seed"),
          config.getInt("graph.louvain_runs"), config.getInt("graph.null_graphs"),
          MetricOptions.defaults().swapsPerEdge());
      double consensus = config.getDouble("graph.consensus");
      if (consensus < 0 || consensus > 1) {
        throw new UserException("graph.consensus must be between 0 and 1, got " + consensus);
      }
      return new NetworkSettings(List.copyOf(measures), policy, options, consensus);
    } catch (IllegalArgumentException e) {
      throw new UserException("graph settings: " + e.getMessage());
    }
  }
}
