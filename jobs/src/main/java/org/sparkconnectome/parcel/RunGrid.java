package org.sparkconnectome.parcel;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiVolumeStream;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.voxel.VoxelMask;
import org.sparkconnectome.voxel.VoxelRun;

/**
 * One run's grid and the voxels it can offer a parcellation: those with non-zero variance over
 * time, inside the run's fMRIPrep brain mask when it has one (the first pass of parcellate).
 *
 * @param bold the run's file name (for messages)
 * @param failure why the run cannot take part, or null
 */
public record RunGrid(String bold, int[] shape, double[][] affine, boolean[] usable,
    String failure) implements Serializable {

  /** Reads the run once (streaming its volumes); a run that cannot be read gives a failure. */
  public static RunGrid of(VoxelRun run, Configuration conf) {
    String name = run.run().bold().substring(run.run().bold().lastIndexOf('/') + 1);
    try {
      NiftiImage image = NiftiImage.open(new HadoopDataSource(run.run().bold(), conf));
      NiftiHeader header = image.header();
      if (header.ndim() != 4) {
        throw new FormatException(name, "a BOLD run must be 4D, found " + header.shapeText());
      }
      int[] shape = {(int) header.dim(0), (int) header.dim(1), (int) header.dim(2)};
      int perVolume = shape[0] * shape[1] * shape[2];
      double[] mean = new double[perVolume];
      double[] m2 = new double[perVolume];
      try (NiftiVolumeStream stream = image.streamVolumes()) {
        double[] volume = new double[stream.voxelsPerVolume()];
        long t = 0;
        while (stream.next(volume)) {
          t++;
          for (int v = 0; v < perVolume; v++) {
            double delta = volume[v] - mean[v];
            mean[v] += delta / t;
            m2[v] += delta * (volume[v] - mean[v]);
          }
        }
      }
      boolean[] usable = new boolean[perVolume];
      for (int v = 0; v < perVolume; v++) {
        usable[v] = m2[v] > 0 && !Double.isNaN(m2[v]);
      }
      if (run.mask() != null) {
        VoxelMask brain = VoxelMask.fromImage(new HadoopDataSource(run.mask(), conf), header);
        boolean[] inBrain = new boolean[perVolume];
        for (int v : brain.voxels()) {
          inBrain[v] = true;
        }
        for (int v = 0; v < perVolume; v++) {
          usable[v] &= inBrain[v];
        }
      }
      return new RunGrid(name, shape, header.affine(), usable, null);
    } catch (RunFailure | FormatException e) {
      return new RunGrid(name, null, null, null, e.getMessage());
    } catch (IOException e) {
      return new RunGrid(name, null, null, null, name + ": " + e.getMessage());
    }
  }
}
