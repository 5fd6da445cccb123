package org.sparkconnectome.dwi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.dwi.FslGradients;
import org.sparkconnectome.formats.dwi.GradientTable;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.streamlines.TckWriter;
import org.sparkconnectome.io.DataSource;

/**
 * The project's own diffusion processing for one subject: DWI + bval/bvec (+ mask) to tensor
 * maps (NIfTI) and a deterministic tensor tractogram ({@code .tck}). For Spark, {@link #fit}
 * and a {@link TensorTracker} over {@link SeedBlock}s split the same work.
 */
public final class OwnTrackingProcessor {
  private final TensorFitMethod method;
  private final double b0Threshold;
  private final TrackingSettings tracking;
  private final MemoryBudget budget;

  public OwnTrackingProcessor(TensorFitMethod method, double b0Threshold,
      TrackingSettings tracking) {
    this(method, b0Threshold, tracking, MemoryBudget.DEFAULT);
  }

  /** With the task's budget: a DWI whose maps need more fails before anything is read. */
  public OwnTrackingProcessor(TensorFitMethod method, double b0Threshold,
      TrackingSettings tracking, MemoryBudget budget) {
    this.method = method;
    this.b0Threshold = b0Threshold;
    this.tracking = tracking;
    this.budget = budget;
  }

  /** What one subject's processing wrote. */
  public record Result(TensorMaps maps, Map<String, Path> mapFiles, Path tractogram,
      long streamlines) {
  }

  /**
   * Fits the tensor.
   *
   * @param mask brain mask image on the DWI grid (non-zero = fit), or null for the b0 mask
   * @throws FormatException when the image, gradients or mask are broken or disagree
   */
  public TensorMaps fit(DataSource dwi, DataSource bval, DataSource bvec, DataSource mask)
      throws IOException {
    NiftiImage image = NiftiImage.open(dwi);
    NiftiHeader h = image.header();
    if (h.ndim() != 4) {
      throw new FormatException(dwi.name(), "a DWI series is 4D, found shape " + h.shapeText());
    }
    // Refused from the header before the gradients, the mask or the maps are allocated.
    DiffusionTensorFit.requireBudget(image, budget);
    GradientTable gradients = FslGradients.read(bval, bvec, Math.toIntExact(h.volumeCount()));
    boolean[] fitMask = mask == null ? null : readMask(mask, h, budget);
    return DiffusionTensorFit.fit(image, gradients, fitMask, method, b0Threshold, budget);
  }

  /** Fits, writes the maps as {@code <prefix>_model-tensor_param-*_dwimap.nii.gz}, tracks. */
  public Result process(DataSource dwi, DataSource bval, DataSource bvec, DataSource mask,
      Path folder, String prefix) throws IOException {
    TensorMaps maps = fit(dwi, bval, bvec, mask);
    Map<String, Path> files = maps.write(folder, prefix);
    Path tck = folder.resolve(prefix + "_model-tensor_tractography.tck");
    TensorTracker tracker = new TensorTracker(maps, null, tracking);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("method", "spark-connectome deterministic tensor tracking (" + method + ")");
    fields.put("step_size", Double.toString(tracking.stepMm()));
    fields.put("max_angle", Double.toString(tracking.maxAngleDegrees()));
    fields.put("fa_stop", Double.toString(tracking.faStop()));
    fields.put("seeds_per_voxel", Integer.toString(tracking.seedsPerVoxel()));
    fields.put("min_dist", Double.toString(tracking.minLengthMm()));
    fields.put("max_dist", Double.toString(tracking.maxLengthMm()));
    fields.put("seed", Long.toString(tracking.seed()));
    long count;
    try (TckWriter writer = TckWriter.create(tck, fields)) {
      tracker.trackAll(writer::write);
      count = writer.count();
    }
    return new Result(maps, files, tck, count);
  }

  private static boolean[] readMask(DataSource source, NiftiHeader dwi, MemoryBudget budget)
      throws IOException {
    NiftiImage image = NiftiImage.open(source);
    NiftiHeader h = image.header();
    if (h.volumeCount() != 1 || h.voxelsPerVolume() != dwi.voxelsPerVolume()
        || h.dim(0) != dwi.dim(0) || h.dim(1) != dwi.dim(1) || h.dim(2) != dwi.dim(2)) {
      throw new FormatException(source.name(), "the mask's shape " + h.shapeText()
          + " does not match the DWI's spatial grid " + dwi.shapeText());
    }
    double[] values = new double[budget.arrayLength(source.name(), "the mask",
        new long[] {h.dim(0), h.dim(1), h.dim(2)}, Double.BYTES + 1)];
    image.readVolume(0, values);
    boolean[] mask = new boolean[values.length];
    for (int v = 0; v < values.length; v++) {
      mask[v] = values[v] != 0 && !Double.isNaN(values[v]);
    }
    return mask;
  }
}
