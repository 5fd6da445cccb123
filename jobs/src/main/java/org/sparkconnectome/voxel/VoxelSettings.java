package org.sparkconnectome.voxel;

import java.io.Serializable;
import java.util.Locale;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.correlation.CorrelationPrecision;
import org.sparkconnectome.kernels.correlation.EdgeSelection;

/**
 * The {@code voxel.*} settings: whether voxel-level connectomes are computed, which pairs become
 * edges, which voxels take part, where the correlation runs, which runs get GraphX metrics.
 *
 * @param threshold minimum |r| of a selected pair, used when topK is 0
 * @param topK partners selected per voxel, or 0 for the threshold rule
 * @param maskSource {@code brain} (the run's fMRIPrep desc-brain mask) or {@code atlas} (voxels
 *     labelled by the first atlas)
 * @param graphRuns {@code all}, {@code first} (the first run in subject order) or {@code none}
 * @param checkpointInterval GraphX checkpoint every this many PageRank iterations
 * @param precision arithmetic of the accelerated correlation (fp32, or tf32 on CUDA)
 */
public record VoxelSettings(boolean enabled, double threshold, int topK, EdgeSign sign,
    String maskSource, ComputeBackend backend, String graphRuns, int checkpointInterval,
    double pagerankTolerance, CorrelationPrecision precision) implements Serializable {

  public static final String BRAIN = "brain";
  public static final String ATLAS = "atlas";

  /** Reads and checks {@code voxel.*}; {@code voxel.backend: inherit} uses compute.backend. */
  public static VoxelSettings from(PipelineConfig config) {
    boolean enabled = config.getBoolean("voxel.enabled");
    int topK = config.getInt("voxel.top_k");
    double threshold = config.getDouble("voxel.threshold");
    if (topK < 0) {
      throw new UserException("voxel.top_k must be 0 (use voxel.threshold) or >= 1, got "
          + topK);
    }
    if (topK == 0 && !(threshold > 0 && threshold <= 1)) {
      throw new UserException("voxel.threshold must be in (0, 1], got " + threshold);
    }
    EdgeSign sign = EdgeSign.parse("voxel.sign", config.get("voxel.sign"));
    String mask = config.get("voxel.mask").trim().toLowerCase(Locale.ROOT);
    if (!mask.equals(BRAIN) && !mask.equals(ATLAS)) {
      throw new UserException("voxel.mask must be brain or atlas, got " + mask);
    }
    String backendName = config.get("voxel.backend").trim();
    if (backendName.equalsIgnoreCase("inherit")) {
      backendName = config.get("compute.backend");
    }
    ComputeBackend backend;
    try {
      backend = ComputeBackend.parse(backendName);
    } catch (IllegalArgumentException e) {
      throw new UserException("voxel.backend: " + e.getMessage());
    }
    String graphRuns = config.get("voxel.graph_runs").trim().toLowerCase(Locale.ROOT);
    if (!graphRuns.equals("all") && !graphRuns.equals("first") && !graphRuns.equals("none")) {
      throw new UserException("voxel.graph_runs must be all, first or none, got " + graphRuns);
    }
    int checkpoint = config.getInt("voxel.checkpoint_interval");
    double tolerance = config.getDouble("voxel.pagerank_tolerance");
    if (checkpoint < 0 || !(tolerance > 0)) {
      throw new UserException("voxel.checkpoint_interval must be >= 0 and "
          + "voxel.pagerank_tolerance > 0");
    }
    CorrelationPrecision precision;
    try {
      precision = CorrelationPrecision.parse(config.get("voxel.correlation_precision"));
    } catch (IllegalArgumentException e) {
      throw new UserException("voxel.correlation_precision: " + e.getMessage());
    }
    return new VoxelSettings(enabled, threshold, topK, sign, mask, backend, graphRuns,
        checkpoint, tolerance, precision);
  }

  /** The correlator's selection rule (built here: EdgeSelection is not serializable). */
  public EdgeSelection selection() {
    return topK > 0 ? EdgeSelection.topPerRow(topK) : EdgeSelection.absoluteAtLeast(threshold);
  }
}
