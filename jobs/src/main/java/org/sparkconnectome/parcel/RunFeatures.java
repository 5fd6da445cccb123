package org.sparkconnectome.parcel;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.fmri.ExtraConfounds;
import org.sparkconnectome.fmri.FunctionalRun;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.RunDenoising;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.HadoopDataSource;
import org.sparkconnectome.kernels.correlation.VoxelSeries;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.voxel.VoxelMask;
import org.sparkconnectome.voxel.VoxelRun;
import org.sparkconnectome.voxel.VoxelSignals;

/**
 * One run's part of the feature matrix (the second pass of parcellate): the group mask's voxel
 * series cleaned as the region pipeline cleans region signals ({@link RunDenoising}: dummy
 * scans, confounds, detrending, band-pass, censoring as the settings say), then each series
 * standardised to mean 0 and variance 1 (population variance, as nilearn's zscore).
 *
 * @param subject the run's subject, for the split halves and the bootstrap
 * @param series series-major, {@code volumes} values per mask voxel (node order)
 * @param failure why the run gives no features, or null
 */
public record RunFeatures(long graph, String subject, String bold, int volumes, float[] series,
    String failure) implements Serializable {

  /** Reads and cleans the run's series of the mask's voxels. */
  public static RunFeatures of(VoxelRun voxelRun, VoxelMask mask, FunctionalSettings settings,
      Configuration conf) {
    FunctionalRun run = voxelRun.run();
    String name = run.bold().substring(run.bold().lastIndexOf('/') + 1);
    String subject = run.entities().get("sub");
    try {
      DataSource bold = new HadoopDataSource(run.bold(), conf);
      DataSource confounds = run.confounds() == null ? null
          : new HadoopDataSource(run.confounds(), conf);
      NiftiImage image = NiftiImage.open(bold);
      RunDenoising denoising = RunDenoising.prepare(settings, run, image.header(), bold.name(),
          confounds, ExtraConfounds.find(run, settings.extraConfounds(), conf));
      VoxelSeries clean = VoxelSignals.read(image, mask, denoising);
      float[] values = clean.values();
      int t = clean.timepoints();
      for (int i = 0; i < clean.count(); i++) {
        standardise(values, i * t, t);
      }
      return new RunFeatures(voxelRun.graph(), subject, name, t, values, null);
    } catch (RunFailure | FormatException e) {
      return new RunFeatures(voxelRun.graph(), subject, name, 0, null, e.getMessage());
    } catch (IOException e) {
      return new RunFeatures(voxelRun.graph(), subject, name, 0, null,
          name + ": " + e.getMessage());
    }
  }

  /** Mean 0, variance 1 in place; a series left constant by the cleaning becomes zeros. */
  static void standardise(float[] values, int from, int count) {
    double mean = 0;
    for (int t = 0; t < count; t++) {
      mean += values[from + t];
    }
    mean /= count;
    double square = 0;
    for (int t = 0; t < count; t++) {
      double c = values[from + t] - mean;
      square += c * c;
    }
    double sd = Math.sqrt(square / count);
    for (int t = 0; t < count; t++) {
      values[from + t] = sd > 0 ? (float) ((values[from + t] - mean) / sd) : 0f;
    }
  }
}
