package org.sparkconnectome.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output names of the three layouts: XCP-D's volume and CIFTI names, and EEG's. */
class DerivativeNamesTest {

  private static Map<String, String> entities(String... kv) {
    Map<String, String> e = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      e.put(kv[i], kv[i + 1]);
    }
    return e;
  }

  @Test
  void volumeNamesPutTheAtlasAfterTheEntities() {
    assertEquals("sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym_atlas-Schaefer_stat-"
        + "pearsoncorrelation_relmat.tsv", DerivativeNames.relmat(entities("sub", "01", "task",
            "rest", "space", "MNI152NLin2009cAsym", "desc", "preproc"), "func", "Schaefer",
            "pearson"));
  }

  @Test
  void ciftiNamesPutTheAtlasBeforeTheDensity() {
    Map<String, String> run = entities("sub", "01", "ses", "1", "task", "rest", "space", "fsLR",
        "den", "91k");
    assertEquals("sub-01/ses-1/func/sub-01_ses-1_task-rest_space-fsLR_atlas-4S156_den-91k_"
        + "stat-mean_timeseries.tsv", DerivativeNames.timeseries(run, "4S156"));
    assertEquals("sub-01/ses-1/func/sub-01_ses-1_task-rest_space-fsLR_atlas-4S156_den-91k_"
        + "stat-mean_timeseries.ptseries.nii", DerivativeNames.parcelSeries(run, "4S156"));
    assertEquals("sub-01/ses-1/func/sub-01_ses-1_task-rest_space-fsLR_atlas-4S156_den-91k_"
        + "stat-pearsoncorrelation_boldmap.pconn.nii",
        DerivativeNames.parcelConnectivity(run, "4S156", "pearson"));
  }

  @Test
  void eegNamesCarryTheBandAsDesc() {
    Map<String, String> recording = entities("sub", "03", "task", "rest", "run", "2");
    assertEquals("sub-03/eeg/sub-03_task-rest_run-2_desc-alpha_stat-wpli_relmat.tsv",
        DerivativeNames.relmat(recording, DerivativeNames.EEG, "alpha", "wpli"));
    assertEquals("sub-03/eeg/sub-03_task-rest_run-2_desc-eeg_qc.tsv",
        DerivativeNames.eegQc(recording));
  }
}
