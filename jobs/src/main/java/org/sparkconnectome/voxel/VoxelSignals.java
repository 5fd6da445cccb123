package org.sparkconnectome.voxel;

import java.io.IOException;
import org.sparkconnectome.fmri.RunDenoising;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiVolumeStream;
import org.sparkconnectome.kernels.correlation.VoxelSeries;
import org.sparkconnectome.signal.TimeSeries;

/**
 * Reads the time series of the mask's voxels in one pass over the BOLD file (plain or gzipped)
 * and cleans them as the region pipeline cleans region signals ({@link RunDenoising}), in
 * blocks of voxels so that only the float series of the mask are held whole.
 */
public final class VoxelSignals {
  /** Voxels denoised together: bounds the double-precision working set. */
  static final int BLOCK_VOXELS = 2048;

  private VoxelSignals() {
  }

  /** The cleaned series of the mask's voxels, series-major, T = kept volumes. */
  public static VoxelSeries read(NiftiImage image, VoxelMask mask, RunDenoising denoising)
      throws IOException {
    int n = mask.size();
    int dummy = denoising.dummyScans();
    int volumes = denoising.volumes();
    float[] raw = new float[Math.multiplyExact(n, volumes)];
    int[] voxels = mask.voxels();
    try (NiftiVolumeStream stream = image.streamVolumes()) {
      double[] volume = new double[stream.voxelsPerVolume()];
      for (int t = 0; t < dummy + volumes; t++) {
        if (!stream.next(volume)) {
          throw new FormatException(image.dataName(), "ended after " + t + " volumes");
        }
        if (t < dummy) {
          continue;
        }
        int k = t - dummy;
        for (int i = 0; i < n; i++) {
          raw[i * volumes + k] = (float) volume[voxels[i]];
        }
      }
    }
    int kept = denoising.keptVolumes();
    float[] clean = new float[Math.multiplyExact(n, kept)];
    for (int first = 0; first < n; first += BLOCK_VOXELS) {
      int count = Math.min(BLOCK_VOXELS, n - first);
      double[] block = new double[volumes * count];
      for (int c = 0; c < count; c++) {
        int offset = (first + c) * volumes;
        for (int t = 0; t < volumes; t++) {
          block[t * count + c] = raw[offset + t];
        }
      }
      TimeSeries cleaned = denoising.clean(new TimeSeries(volumes, count, block));
      double[] values = cleaned.values();
      for (int c = 0; c < count; c++) {
        int offset = (first + c) * kept;
        for (int t = 0; t < kept; t++) {
          clean[offset + t] = (float) values[t * count + c];
        }
      }
    }
    return new VoxelSeries(clean, kept, n);
  }
}
