package org.sparkconnectome.cifti;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.AtlasSpace;
import org.sparkconnectome.fmri.FunctionalRun;
import org.sparkconnectome.fmri.FunctionalRunResult;
import org.sparkconnectome.fmri.FunctionalSettings;
import org.sparkconnectome.fmri.Parcellation;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.fmri.RunParcellator;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.cifti.BrainModelAxis;
import org.sparkconnectome.formats.cifti.CiftiAxis;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.formats.cifti.SeriesAxis;
import org.sparkconnectome.io.DataSource;

/**
 * CIFTI dense time series ({@code *_bold.dtseries.nii}) reduced by dense label atlases
 * ({@code *.dlabel.nii}): grayordinates matched to parcels by brain structure and index.
 */
public final class GrayordinateParcellator implements RunParcellator {
  private static final long serialVersionUID = 1L;

  private final List<Atlas> atlases;

  public GrayordinateParcellator(List<Atlas> atlases) {
    this.atlases = List.copyOf(atlases);
  }

  @Override
  public String pipeline() {
    return GrayordinateStage.PIPELINE;
  }

  @Override
  public List<Atlas> atlases() {
    return atlases;
  }

  @Override
  public String elements() {
    return "grayordinates";
  }

  /**
   * Refuses, from the header, a dense series whose declared size (time points x grayordinates,
   * charged as float32 as a BOLD run is, although it is streamed) exceeds the task budget, or
   * whose parcel sums (time points x regions of an atlas, as doubles) do not fit one array.
   *
   * @param regions each atlas's region count
   */
  public static void requireRunFits(CiftiFile cifti, String file, MemoryBudget budget,
      int... regions) throws FormatException {
    long[] dims = {cifti.rows(), cifti.columns()};
    String what = "the dense time series (time points x grayordinates as float32)";
    budget.require(file, what, dims, MemoryBudget.bytesNeeded(file, what, dims, Float.BYTES));
    for (int r : regions) {
      budget.arrayLength(file, "the parcel sums (time points x regions)",
          new long[] {cifti.rows(), r}, Double.BYTES);
    }
  }

  @Override
  public OpenedRun open(FunctionalRun run, DataSource data, FunctionalSettings settings)
      throws IOException, RunFailure {
    if (settings.smoothingFwhm() > 0) {
      throw new RunFailure(String.format(Locale.ROOT, "fmri.smoothing_fwhm is %s mm, but "
          + "grayordinates cannot be smoothed here: smoothing on the cortical surface needs "
          + "the subject's surface geometry (wb_command -cifti-smoothing with midthickness "
          + "surfaces), which a dtseries does not carry; set fmri.smoothing_fwhm: 0 for CIFTI "
          + "runs, or smooth them before", settings.smoothingFwhm()));
    }
    for (Atlas atlas : atlases) {
      String mismatch = AtlasSpace.mismatch(atlas, run.entities().get("space"));
      if (mismatch != null) {
        throw new RunFailure(mismatch);
      }
    }
    CiftiFile cifti = CiftiFile.open(data);
    List<CiftiAxis> axes = cifti.axes();
    if (!(axes.get(0) instanceof SeriesAxis series)
        || !(axes.get(1) instanceof BrainModelAxis models)) {
      throw new FormatException(data.name(), "a BOLD dense time series must be a series of "
          + "time points by brain models, found " + axes.get(0).kind() + " by "
          + axes.get(1).kind() + " (intent " + cifti.intent() + ")");
    }
    requireRunFits(cifti, data.name(), settings.budget(),
        atlases.stream().mapToInt(a -> a.regions().size()).toArray());
    List<String> warnings = new ArrayList<>();
    Double tr = null;
    if ("SECOND".equals(series.unit())) {
      tr = series.step();
    } else {
      warnings.add("the series axis of " + data.name() + " is in " + series.unit()
          + ", not SECOND: its step is not a TR.");
    }
    List<int[]> maps = new ArrayList<>();
    int[] counts = new int[atlases.size()];
    List<int[]> atlasCounts = new ArrayList<>();
    for (int a = 0; a < atlases.size(); a++) {
      Atlas atlas = atlases.get(a);
      int[] map;
      try {
        map = atlas.grayordinates().regionsOn(models);
      } catch (IllegalArgumentException e) {
        throw new RunFailure("atlas " + atlas.name() + " (" + atlas.fileName() + ") does not "
            + "fit " + data.name() + ": " + e.getMessage());
      }
      if (Arrays.stream(map).allMatch(r -> r < 0)) {
        throw new RunFailure("atlas " + atlas.name() + " (" + atlas.fileName() + ") labels "
            + "none of the grayordinates of " + data.name() + ": check that both have the "
            + "same brain structures (CIFTI_STRUCTURE_CORTEX_LEFT, ...)");
      }
      maps.add(map);
      counts[a] = atlas.regions().size();
      atlasCounts.add(atlas.grayordinates().grayordinatesPerRegion(counts[a]));
    }
    Double headerTr = tr;
    return new OpenedRun() {
      @Override
      public int volumes() {
        return cifti.rows();
      }

      @Override
      public Double headerRepetitionTime() {
        return headerTr;
      }

      @Override
      public List<String> warnings() {
        return warnings;
      }

      @Override
      public List<Parcellation.AtlasSignals> signals() throws IOException {
        return GrayordinateParcellation.compute(cifti, maps, counts, atlasCounts);
      }
    };
  }

  @Override
  public List<String> writeExtra(FunctionalRunResult result, Configuration conf,
      String outRoot) throws IOException {
    return ParcellatedCiftiOutputs.write(result, atlases, conf, outRoot);
  }
}
