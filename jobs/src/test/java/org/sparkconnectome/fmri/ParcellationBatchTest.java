package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.kernels.smoothing.JvmVolumeSmoother;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;

/**
 * A smoother that asks for batches (as the accelerated ones do) is given the volumes in batches,
 * the last one short, with the same region means as one volume per call, NaN block included.
 */
class ParcellationBatchTest {
  private static final int N = 8;
  private static final int VOXELS = N * N * N;
  private static final int T = 30;

  @TempDir
  Path dir;

  @Test
  void batchesOfSevenGiveTheMeansOfOneVolumePerCall() throws IOException {
    Random random = new Random(11);
    double[][] volumes = new double[T][VOXELS];
    for (double[] volume : volumes) {
      for (int v = 0; v < VOXELS; v++) {
        volume[v] = 100 + random.nextGaussian();
      }
    }
    for (int v = 0; v < 20; v++) {
      volumes[12][v] = Double.NaN;
    }
    NiftiImage image = write(volumes);
    int[] map = new int[VOXELS];
    for (int v = 0; v < VOXELS; v++) {
      map[v] = v % N < 4 ? 0 : 1;
    }
    CountingSmoother single = new CountingSmoother(1);
    CountingSmoother batched = new CountingSmoother(7);
    Parcellation.AtlasSignals one = Parcellation.compute(image, List.of(map), new int[] {2},
        single, 6.0, new ArrayList<>()).get(0);
    Parcellation.AtlasSignals seven = Parcellation.compute(image, List.of(map), new int[] {2},
        batched, 6.0, new ArrayList<>()).get(0);
    // Two passes over the run (the NaN voxels found in the first are left out in the second).
    assertEquals(List.of(1), single.sizes.stream().distinct().toList());
    assertEquals(List.of(7, 7, 7, 7, 2, 7, 7, 7, 7, 2), batched.sizes);
    for (int r = 0; r < 2; r++) {
      for (int t = 0; t < T; t++) {
        assertEquals(one.series().get(t, r), seven.series().get(t, r), 0.0, "t " + t + " r " + r);
      }
    }
    assertArrayEquals(one.coverage(), seven.coverage());
  }

  /** The JVM smoother, asking for batches of a given size and noting the sizes it is given. */
  private static final class CountingSmoother implements VolumeSmoother {
    private final VolumeSmoother inner = new JvmVolumeSmoother();
    private final int batch;
    private final List<Integer> sizes = new ArrayList<>();

    CountingSmoother(int batch) {
      this.batch = batch;
    }

    @Override
    public int batchVolumes() {
      return batch;
    }

    @Override
    public void smooth(float[][] volumes, VolumeGrid grid, double fwhmMm) {
      sizes.add(volumes.length);
      inner.smooth(volumes, grid, fwhmMm);
    }

    @Override
    public String backendName() {
      return "counting";
    }
  }

  private NiftiImage write(double[][] volumes) throws IOException {
    Path file = dir.resolve("bold.nii");
    double[][] affine = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
    NiftiImageSpec spec = new NiftiImageSpec(new long[] {N, N, N, T}, new double[] {2, 2, 2},
        affine, NiftiDataType.FLOAT32, new XyztUnits("mm", "sec"), 2);
    try (NiftiWriter writer = NiftiWriter.create(file, spec)) {
      for (double[] volume : volumes) {
        writer.writeVolume(volume);
      }
    }
    return NiftiImage.open(new LocalDataSource(file));
  }
}
