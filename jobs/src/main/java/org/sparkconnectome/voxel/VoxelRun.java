package org.sparkconnectome.voxel;

import java.io.Serializable;
import org.sparkconnectome.fmri.FunctionalRun;

/**
 * One BOLD run for the voxel pipeline.
 *
 * @param graph the run's graph number in the voxel tables (0, 1, ... in subject order)
 * @param mask URI of the run's fMRIPrep brain mask, or null when it has none
 */
public record VoxelRun(long graph, FunctionalRun run, String mask) implements Serializable {
}
