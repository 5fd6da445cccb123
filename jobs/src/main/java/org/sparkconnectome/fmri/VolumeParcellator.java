package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.AtlasSpace;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;
import org.sparkconnectome.stage.RunFailure;

/**
 * BOLD volumes reduced by label images: each atlas resampled to the run's grid (nearest
 * neighbour), then one streaming pass ({@link Parcellation}), with smoothing when asked.
 */
public final class VolumeParcellator implements RunParcellator {
  private static final long serialVersionUID = 1L;

  private final List<Atlas> atlases;
  private final ComputeBackend backend;
  /** A smoother given in place of the backend's (tests); not sent to executors. */
  private final transient VolumeSmoother smoother;

  /** @param backend where smoothing runs ({@code compute.backend}) */
  public VolumeParcellator(List<Atlas> atlases, ComputeBackend backend) {
    this.atlases = List.copyOf(atlases);
    this.backend = backend;
    this.smoother = null;
  }

  /** Smoothing with the given smoother, in this JVM. */
  public VolumeParcellator(List<Atlas> atlases, VolumeSmoother smoother) {
    this.atlases = List.copyOf(atlases);
    this.backend = ComputeBackend.JVM;
    this.smoother = smoother;
  }

  @Override
  public String pipeline() {
    return FunctionalConnectomeJob.PIPELINE;
  }

  @Override
  public List<Atlas> atlases() {
    return atlases;
  }

  /**
   * Refuses, from the header, a run whose declared size (voxels x volumes as float32, whatever
   * its storage) exceeds the task budget, or whose volume does not fit one array.
   */
  public static void requireRunFits(NiftiHeader header, String file, MemoryBudget budget)
      throws FormatException {
    budget.require(file, "the BOLD run", header.shape(),
        MemoryBudget.bytesNeeded(file, "the BOLD run", header.shape(), Float.BYTES));
    budget.arrayLength(file, "one BOLD volume", new long[] {header.dim(0), header.dim(1),
        header.dim(2)}, Float.BYTES + 1);
  }

  @Override
  public OpenedRun open(FunctionalRun run, DataSource bold, FunctionalSettings settings)
      throws IOException, RunFailure {
    for (Atlas atlas : atlases) {
      String mismatch = AtlasSpace.mismatch(atlas, run.entities().get("space"));
      if (mismatch != null) {
        throw new RunFailure(mismatch);
      }
    }
    NiftiImage image = NiftiImage.open(bold);
    NiftiHeader header = image.header();
    if (header.ndim() != 4) {
      throw new FormatException(bold.name(), "a BOLD run must be 4D, found shape "
          + header.shapeText());
    }
    requireRunFits(header, bold.name(), settings.budget());
    int[] gridShape = {(int) header.dim(0), (int) header.dim(1), (int) header.dim(2)};
    List<int[]> maps = new ArrayList<>();
    int[] counts = new int[atlases.size()];
    for (int a = 0; a < atlases.size(); a++) {
      Atlas atlas = atlases.get(a);
      int[] map = atlas.regionsOnGrid(gridShape, header.affine());
      if (Arrays.stream(map).allMatch(r -> r < 0)) {
        throw new RunFailure("atlas " + atlas.name() + " (" + atlas.fileName() + ") does not "
            + "overlap the BOLD grid " + header.shapeText() + " of " + bold.name()
            + ": check that both are in the same space");
      }
      maps.add(map);
      counts[a] = atlas.regions().size();
    }
    double fwhm = settings.smoothingFwhm();
    List<String> dataWarnings = new ArrayList<>();
    return new OpenedRun() {
      @Override
      public int volumes() {
        return Math.toIntExact(header.volumeCount());
      }

      @Override
      public Double headerRepetitionTime() {
        return header.repetitionTime();
      }

      @Override
      public List<String> warnings() {
        return header.warnings();
      }

      @Override
      public List<Parcellation.AtlasSignals> signals() throws IOException {
        return Parcellation.compute(image, maps, counts, smoother != null ? smoother
            : FunctionalConnectomeJob.SMOOTHING.get(backend), fwhm, dataWarnings);
      }

      @Override
      public List<String> signalWarnings() {
        return dataWarnings;
      }
    };
  }
}
