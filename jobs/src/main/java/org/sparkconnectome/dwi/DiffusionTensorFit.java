package org.sparkconnectome.dwi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkconnectome.atlas.GradientFrame;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.dwi.GradientTable;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;

/**
 * Fits the tensor in every voxel of a 4D DWI image, reading blocks of voxels across all volumes
 * so memory stays bounded by {@link #BLOCK_VALUES} whatever the image size.
 *
 * <p>Default mask: voxels whose first b0 volume is above zero (DIPY fits every voxel it is
 * given after clipping the signal at 1e-4; voxels with no b0 signal carry no tensor). A caller
 * mask replaces it. A gzipped image is inflated once into a temporary plain file (local disk,
 * deleted after the fit) so that the block reads seek instead of inflating the file from its
 * start for every block (about 126 times for an HCP DWI).
 *
 * <p>Memory: the maps (53 bytes a voxel), the b0 volume while the mask is built and one block;
 * checked against the task's {@link MemoryBudget} from the header before anything is allocated.
 */
public final class DiffusionTensorFit {
  /** Doubles held per block read (64 MB). */
  static final int BLOCK_VALUES = 8 << 20;
  /** Bytes a fitted voxel holds: fa, md, ad, rd, v1 (3), tensor (6) floats and the mask. */
  static final int MAP_BYTES_PER_VOXEL = 13 * Float.BYTES + 1;

  private DiffusionTensorFit() {
  }

  /** The default mask: first b0 volume above zero. */
  public static boolean[] b0Mask(NiftiImage dwi, GradientTable gradients, double b0Threshold)
      throws IOException {
    boolean[] b0 = gradients.b0Mask(b0Threshold);
    int first = -1;
    for (int i = 0; i < b0.length && first < 0; i++) {
      first = b0[i] ? i : -1;
    }
    if (first < 0) {
      throw new FormatException(dwi.dataName(), "no b0 volume (b <= " + b0Threshold
          + " s/mm^2) among " + b0.length + " gradients: cannot build the b0 mask");
    }
    double[] volume = new double[Math.toIntExact(dwi.header().voxelsPerVolume())];
    dwi.readVolume(first, volume);
    boolean[] mask = new boolean[volume.length];
    for (int v = 0; v < volume.length; v++) {
      mask[v] = volume[v] > 0;
    }
    return mask;
  }

  /**
   * Fits every voxel of {@code mask} (null: the b0 mask).
   *
   * @throws FormatException when the image is not 4D with one volume per gradient
   */
  public static TensorMaps fit(NiftiImage dwi, GradientTable gradients, boolean[] mask,
      TensorFitMethod method, double b0Threshold) throws IOException {
    return fit(dwi, gradients, mask, method, b0Threshold, MemoryBudget.DEFAULT);
  }

  /** As the other {@code fit}, refusing an image whose maps do not fit {@code budget}. */
  public static TensorMaps fit(NiftiImage dwi, GradientTable gradients, boolean[] mask,
      TensorFitMethod method, double b0Threshold, MemoryBudget budget) throws IOException {
    return fit(dwi, gradients, mask, method, b0Threshold, budget, BLOCK_VALUES);
  }

  /** As the public {@code fit}, with blocks of {@code blockValues} doubles (tests). */
  static TensorMaps fit(NiftiImage dwi, GradientTable gradients, boolean[] mask,
      TensorFitMethod method, double b0Threshold, MemoryBudget budget, int blockValues)
      throws IOException {
    NiftiHeader h = dwi.header();
    if (h.ndim() != 4 || h.volumeCount() != gradients.count()) {
      throw new FormatException(dwi.dataName(), "a DWI series is 4D with one volume per "
          + "gradient; shape " + h.shapeText() + " but " + gradients.count() + " gradients");
    }
    requireBudget(dwi, budget);
    if (!dwi.compressed()) {
      return fitPlain(dwi, gradients, mask, method, b0Threshold, blockValues);
    }
    Path copy = Files.createTempFile("connectome-dwi-", ".nii");
    try {
      return fitPlain(dwi.inflatedCopy(copy), gradients, mask, method, b0Threshold,
          blockValues);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Refuses, from the header alone, an image whose maps and buffers exceed the budget. */
  static void requireBudget(NiftiImage dwi, MemoryBudget budget) throws FormatException {
    NiftiHeader h = dwi.header();
    long[] grid = {h.dim(0), h.dim(1), h.dim(2)};
    // The tensor map (6 floats a voxel) is the longest array.
    budget.arrayLength(dwi.dataName(), "the tensor map", new long[] {h.dim(0), h.dim(1),
        h.dim(2), 6}, Float.BYTES);
    long perVoxel = MAP_BYTES_PER_VOXEL + Double.BYTES;
    long needed = Math.addExact(MemoryBudget.bytesNeeded(dwi.dataName(), "the tensor maps",
        grid, perVoxel), (long) BLOCK_VALUES * Double.BYTES);
    budget.require(dwi.dataName(), "the tensor maps and the b0 volume", grid, needed);
  }

  private static TensorMaps fitPlain(NiftiImage dwi, GradientTable gradients, boolean[] mask,
      TensorFitMethod method, double b0Threshold, int blockValues) throws IOException {
    NiftiHeader h = dwi.header();
    VoxelGrid grid = new VoxelGrid(new int[] {(int) h.dim(0), (int) h.dim(1), (int) h.dim(2)},
        h.affine());
    int n = grid.voxelCount();
    boolean[] fitMask = mask != null ? mask.clone() : b0Mask(dwi, gradients, b0Threshold);
    if (fitMask.length != n) {
      throw new IllegalArgumentException("mask of " + fitMask.length + " voxels for a grid of "
          + n);
    }
    int t = gradients.count();
    TensorFitter fitter = new TensorFitter(gradients, method);
    GradientFrame frame = new GradientFrame(grid);
    TensorEstimate est = new TensorEstimate();
    float[] fa = new float[n];
    float[] md = new float[n];
    float[] ad = new float[n];
    float[] rd = new float[n];
    float[] v1 = new float[3 * n];
    float[] tensor = new float[6 * n];
    double[] direction = new double[3];
    int block = Math.max(1, Math.min(n, blockValues / t));
    double[] values = new double[block * t];
    for (int from = 0; from < n; from += block) {
      int count = Math.min(block, n - from);
      if (!anySet(fitMask, from, count)) {
        continue;
      }
      dwi.readVoxelBlock(from, count, values);
      for (int i = 0; i < count; i++) {
        int v = from + i;
        if (!fitMask[v]) {
          continue;
        }
        fitter.fit(values, i * t, est);
        fa[v] = (float) est.fa();
        md[v] = (float) est.md();
        ad[v] = (float) est.ad();
        rd[v] = (float) est.rd();
        frame.toWorld(est.vectors, 0, direction, 0);
        for (int c = 0; c < 3; c++) {
          v1[3 * v + c] = (float) direction[c];
        }
        frame.tensorToWorld(est.tensor, tensor, 6 * v);
      }
    }
    return new TensorMaps(grid, fitMask, fa, md, ad, rd, v1, tensor);
  }

  private static boolean anySet(boolean[] mask, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (mask[i]) {
        return true;
      }
    }
    return false;
  }
}
