package org.sparkconnectome.fmri;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.sparkconnectome.signal.Detrend;

/**
 * The column descriptions of the per-run files, as XCP-D's sidecars give them: motion traces,
 * censoring mask, nuisance design and the QC table ({@code desc-linc_qc}, whose descriptions
 * XCP-D writes once at the top of its output; here each run's QC table has them beside it).
 */
final class RunFileSidecars {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<String, String[]> MOTION = Map.of(
      "rot_x", new String[] {"Rotation about the left-right axis", "rad"},
      "rot_y", new String[] {"Rotation about the anterior-posterior axis", "rad"},
      "rot_z", new String[] {"Rotation about the superior-inferior axis", "rad"},
      "trans_x", new String[] {"Translation along the left-right axis", "mm"},
      "trans_y", new String[] {"Translation along the anterior-posterior axis", "mm"},
      "trans_z", new String[] {"Translation along the superior-inferior axis", "mm"},
      "rmsd", new String[] {"Root mean square deviation of the head position relative to the "
          + "previous volume (fMRIPrep's rmsd)", "mm"});
  private static final Map<String, String[]> QC = Map.ofEntries(
      qc("mean_fd", "Mean Framewise Displacement", "Average framewise displacement (Power et "
          + "al. 2012, as fMRIPrep computes it) after the dummy scans, high-motion outliers "
          + "included.", "mm"),
      qc("mean_fd_post_censoring", "Mean Framewise Displacement After Censoring", "Average "
          + "framewise displacement of the volumes kept after censoring.", "mm"),
      qc("mean_relative_rms", "Mean Relative Root Mean Squared", "Average of fMRIPrep's rmsd "
          + "(relative to the previous volume) over the kept volumes.", "mm"),
      qc("max_relative_rms", "Maximum Relative Root Mean Squared", "Maximum of fMRIPrep's rmsd "
          + "over the kept volumes.", "mm"),
      qc("mean_dvars_initial", "Mean DVARS Before Postprocessing", "Average standardised DVARS "
          + "after the dummy scans, before denoising, over the mean signals of the regions of "
          + "the atlas DVARSAtlas (XCP-D's is over voxels).", null),
      qc("mean_dvars_final", "Mean DVARS After Postprocessing", "Average standardised DVARS of "
          + "the denoised, censored region signals of the atlas DVARSAtlas.", null),
      qc("num_dummy_volumes", "Number of Dummy Volumes", "The number of non-steady state "
          + "volumes removed from the start of the run.", null),
      qc("num_censored_volumes", "Number of Censored Volumes", "The number of high-motion "
          + "outlier volumes censored (dummy volumes not included).", null),
      qc("num_retained_volumes", "Number of Retained Volumes", "The number of volumes that "
          + "entered the connectivity estimates (no dummy volumes or outliers).", null),
      qc("fd_dvars_correlation_initial", "FD-DVARS Correlation Before Postprocessing", "Pearson "
          + "correlation of framewise displacement with DVARS before denoising, over the "
          + "volumes after the dummy scans.", null),
      qc("fd_dvars_correlation_final", "FD-DVARS Correlation After Postprocessing", "Pearson "
          + "correlation of framewise displacement with the DVARS of the denoised signals, over "
          + "the kept volumes.", null));

  private RunFileSidecars() {
  }

  private static Map.Entry<String, String[]> qc(String column, String longName,
      String description, String units) {
    return Map.entry(column, new String[] {longName, description, units});
  }

  /** Each motion column's description and units, and FD's. */
  static ObjectNode motion(FunctionalRunResult result, ObjectNode node) {
    for (String column : result.confounds().motionColumns()) {
      boolean filtered = column.endsWith(RunConfounds.FILTERED);
      String[] meta = MOTION.get(filtered
          ? column.substring(0, column.length() - RunConfounds.FILTERED.length()) : column);
      ObjectNode c = node.putObject(column);
      c.put("Description", filtered ? meta[0] + ", after the motion filter "
          + "(fmri.motion_filter_type)" : meta[0]);
      c.put("Units", meta[1]);
    }
    if (result.confounds().framewiseDisplacement() != null) {
      ObjectNode fd = node.putObject(RunConfounds.FRAMEWISE_DISPLACEMENT);
      fd.put("Description", result.confounds().motionFiltered()
          ? "Framewise displacement (Power et al. 2012, 50 mm head radius) of the filtered "
          + "motion parameters (the _filtered columns), as XCP-D computes it."
          : "Framewise displacement as fMRIPrep computed it (Power et al. 2012); n/a (the "
          + "first volume) as 0. Unfiltered: no motion filter is applied.");
      fd.put("Units", "mm");
    }
    node.put("Description", "Head motion traces of the volumes after the dummy scans, high-"
        + "motion outliers included, from the run's confounds.");
    return node;
  }

  /** XCP-D's outliers sidecar: the levels and the FD threshold. */
  static ObjectNode outliers(double threshold, ObjectNode node) {
    ObjectNode fd = node.putObject(RunConfounds.FRAMEWISE_DISPLACEMENT);
    fd.put("Description", "Outlier time series based on framewise displacement.");
    ObjectNode levels = fd.putObject("Levels");
    levels.put("0", "Non-outlier volume");
    levels.put("1", "Outlier volume");
    fd.put("Threshold", threshold);
    node.put("Threshold", threshold);
    return node;
  }

  /** What each design column is and how the design was fitted. */
  static ObjectNode design(FunctionalSettings settings, ObjectNode node) {
    node.put("Description", "The nuisance design regressed from every region signal, one row "
        + "per volume after the dummy scans (censored volumes included). It was fitted on the "
        + "kept volumes only, which gives the residuals that one-hot outlier regressors would; "
        + "the confound columns are as regressed (band-passed when the filter is on, n/a as "
        + "0).");
    node.put("NuisanceParameters", settings.strategy().name());
    node.putObject(RunConfounds.INTERCEPT).put("Description", "Constant 1.");
    if (settings.detrend() == Detrend.LINEAR) {
      node.putObject(RunConfounds.LINEAR_TREND).put("Description",
          "Linear trend from -1 to 1 over the volumes (numpy's linspace).");
    }
    ObjectNode filters = softwareFilters(settings);
    if (filters != null) {
      node.set("SoftwareFilters", filters);
    }
    return node;
  }

  /** The QC columns' long names, descriptions and units; the atlas of the DVARS. */
  static ObjectNode qc(RunQc qc, ObjectNode node) {
    for (String column : RunQc.COLUMNS) {
      String[] meta = QC.get(column);
      ObjectNode c = node.putObject(column);
      c.put("LongName", meta[0]);
      c.put("Description", meta[1]);
      if (meta[2] != null) {
        c.put("Units", meta[2]);
      }
    }
    node.put("DVARSAtlas", qc.dvarsAtlas());
    return node;
  }

  /** XCP-D's {@code SoftwareFilters} entry for the band-pass, or null when it is off. */
  static ObjectNode softwareFilters(FunctionalSettings settings) {
    double[] band = settings.bandpass();
    if (band == null) {
      return null;
    }
    ObjectNode filters = NODES.objectNode();
    ObjectNode f;
    if (band[0] > 0) {
      f = filters.putObject("Bandpass filter");
      f.put("Low-pass cutoff (Hz)", band[1]);
      f.put("High-pass cutoff (Hz)", band[0]);
    } else {
      f = filters.putObject("Low-pass filter");
      f.put("cutoff (Hz)", band[1]);
    }
    f.put("Filter order", settings.bandpassOrder());
    return filters;
  }
}
