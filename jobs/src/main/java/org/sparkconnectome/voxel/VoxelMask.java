package org.sparkconnectome.voxel;

import java.io.IOException;
import java.util.Arrays;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * The voxels of a BOLD grid that take part in the voxel graph, as flat indices
 * {@code x + nx * (y + ny * z)} in ascending order: node i of the graph is voxel
 * {@code voxels[i]}, and the tables name nodes by that flat index.
 *
 * @param shape the BOLD grid (nx, ny, nz)
 */
public record VoxelMask(int[] shape, int[] voxels) {

  /** Voxels where a mask image on the BOLD grid is non-zero. */
  public static VoxelMask fromImage(DataSource mask, NiftiHeader bold)
      throws IOException, RunFailure {
    NiftiImage image = NiftiImage.open(mask);
    NiftiHeader header = image.header();
    int[] shape = grid(bold);
    for (int axis = 0; axis < 3; axis++) {
      if (header.dim(axis) != shape[axis]) {
        throw new FormatException(mask.name(), "mask shape " + header.shapeText()
            + " does not match the BOLD grid " + bold.shapeText() + " (the mask must be in "
            + "the BOLD run's space and resolution)");
      }
    }
    if (!closeAffines(header.affine(), bold.affine())) {
      throw new RunFailure(mask.name() + ": the mask's affine differs from the BOLD run's: "
          + "the two are not on the same grid");
    }
    long perVolume = (long) shape[0] * shape[1] * shape[2];
    int[][] found = {new int[1024]};
    int[] count = {0};
    image.scan((first, values, n) -> {
      for (int i = 0; i < n && first + i < perVolume; i++) {
        double v = values[i];
        if (v != 0 && !Double.isNaN(v)) {
          if (count[0] == found[0].length) {
            found[0] = Arrays.copyOf(found[0], 2 * count[0]);
          }
          found[0][count[0]++] = (int) (first + i);
        }
      }
    });
    return checked(shape, Arrays.copyOf(found[0], count[0]), mask.name());
  }

  /** Voxels of the BOLD grid that the atlas labels (resampled by nearest neighbour). */
  public static VoxelMask fromAtlas(Atlas atlas, NiftiHeader bold) throws RunFailure {
    int[] shape = grid(bold);
    int[] regions = atlas.regionsOnGrid(shape, bold.affine());
    int[] voxels = java.util.stream.IntStream.range(0, regions.length)
        .filter(i -> regions[i] >= 0).toArray();
    return checked(shape, voxels, "atlas " + atlas.name());
  }

  /** Number of voxels in the mask (nodes of the graph). */
  public int size() {
    return voxels.length;
  }

  /** Voxels per volume of the grid. */
  public int gridVoxels() {
    return shape[0] * shape[1] * shape[2];
  }

  private static VoxelMask checked(int[] shape, int[] voxels, String source) throws RunFailure {
    if (voxels.length < 2) {
      throw new RunFailure(source + " selects " + voxels.length + " voxels of the BOLD grid; "
          + "a voxel graph needs at least 2 (check that mask and BOLD share a space)");
    }
    return new VoxelMask(shape, voxels);
  }

  private static int[] grid(NiftiHeader bold) {
    return new int[] {(int) bold.dim(0), (int) bold.dim(1), (int) bold.dim(2)};
  }

  private static boolean closeAffines(double[][] a, double[][] b) {
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        if (Math.abs(a[i][j] - b[i][j]) > 1e-3) {
          return false;
        }
      }
    }
    return true;
  }
}
