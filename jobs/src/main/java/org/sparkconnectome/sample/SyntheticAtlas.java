package org.sparkconnectome.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * A label volume for generated cohorts: an ellipsoidal "brain" cut into regions by hemisphere,
 * front-to-back band and lower/upper half. Regions of the same band form a network, so that the
 * planted connectivity has a block structure an atlas user recognises.
 *
 * @param labels one label per voxel, x fastest; 0 outside the brain
 */
public record SyntheticAtlas(int nx, int ny, int nz, int[] labels, List<Region> regions) {

  /** One atlas region as written to the atlas TSV. */
  public record Region(int index, String name, String network, String hemisphere) {
  }

  /** Network names of the front-to-back bands, back first. */
  static final String[] NETWORKS = {"Visual", "Somatomotor", "Default"};
  private static final int HALVES = 2;

  /** Regions: 2 hemispheres x 3 bands (networks) x 2 halves (lower, upper) = 12. */
  public static SyntheticAtlas build(int nx, int ny, int nz) {
    List<Region> regions = new ArrayList<>();
    String[] hemis = {"L", "R"};
    int index = 1;
    for (String hemi : hemis) {
      for (String network : NETWORKS) {
        for (int half = 1; half <= HALVES; half++) {
          regions.add(new Region(index++, hemi + "_" + network + "_" + half, network, hemi));
        }
      }
    }
    int[] labels = new int[nx * ny * nz];
    double cx = (nx - 1) / 2.0;
    double cy = (ny - 1) / 2.0;
    double cz = (nz - 1) / 2.0;
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          double dx = (x - cx) / (nx * 0.45);
          double dy = (y - cy) / (ny * 0.45);
          double dz = (z - cz) / (nz * 0.45);
          if (dx * dx + dy * dy + dz * dz > 1.0 || x == Math.round(cx) && nx % 2 == 1) {
            continue;
          }
          // Voxel x increases towards the left in the LAS-flipped affine the generator writes,
          // so x below the centre is the right hemisphere.
          int hemi = x > cx ? 0 : 1;
          int band = Math.min(NETWORKS.length - 1, (int) (y * NETWORKS.length / (double) ny));
          int half = z > cz ? 1 : 0;
          labels[x + nx * (y + ny * z)] = 1 + hemi * NETWORKS.length * HALVES + band * HALVES
              + half;
        }
      }
    }
    return new SyntheticAtlas(nx, ny, nz, labels, List.copyOf(regions));
  }

  public int voxelCount() {
    return labels.length;
  }

  /** Number of voxels carrying each label (index 0 = background). */
  public int[] regionSizes() {
    int[] sizes = new int[regions.size() + 1];
    for (int label : labels) {
      sizes[label]++;
    }
    return sizes;
  }
}
