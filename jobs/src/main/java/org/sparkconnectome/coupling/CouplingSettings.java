package org.sparkconnectome.coupling;

import java.io.Serializable;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;

/**
 * The {@code coupling} section: which connectome measures are the structural and functional
 * matrices, and whether node profiles use only structural edges (Baum et al. 2020).
 */
public record CouplingSettings(boolean enabled, String structuralMeasure,
    String functionalMeasure, boolean structuralEdgesOnly) implements Serializable {

  /** The settings of a configuration. */
  public static CouplingSettings from(PipelineConfig config) {
    String structural = config.get("coupling.structural_measure").trim();
    String functional = config.get("coupling.functional_measure").trim();
    if (structural.isEmpty() || functional.isEmpty() || structural.equals(functional)) {
      throw new UserException("coupling.structural_measure and coupling.functional_measure "
          + "must name two different connectome measures (got '" + structural + "' and '"
          + functional + "')");
    }
    return new CouplingSettings(config.getBoolean("coupling.enabled"), structural, functional,
        config.getBoolean("coupling.structural_edges_only"));
  }
}
