package org.sparkconnectome.parcel;

import java.io.Serializable;

/**
 * A clustering of the mask's voxels into K parcels, as the command chose it ({@code --method}):
 * what the final atlas, the split halves and every bootstrap resample run, so that
 * {@link Stability} knows no method. It travels to the executors with the bootstrap tasks.
 */
@FunctionalInterface
public interface ParcelClustering extends Serializable {
  /** Spatially constrained Ward on the sample's feature rows ({@link SpatialWard}). */
  ParcelClustering WARD = (sample, k) -> SpatialWard.cluster(sample.features(), sample.width(),
      sample.graph().neighbours(), k);

  /** Labels 0..K-1 per mask voxel (node order) of the features of {@code sample}. */
  int[] cluster(CohortFeatures sample, int k);
}
