package org.sparkconnectome.cifti;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.atlas.AtlasName;
import org.sparkconnectome.fmri.BoldStage;
import org.sparkconnectome.fmri.RunParcellator;
import org.sparkconnectome.stage.StageContext;

/**
 * fMRI in grayordinates, as XCP-D's CIFTI mode: fMRIPrep's {@code *_bold.dtseries.nii} runs
 * (paired with their confounds and sidecars as NIfTI runs are) reduced by the pass's dense label
 * atlases; denoising, connectivity and tables are the BOLD stage's own ({@link BoldStage}).
 */
public final class GrayordinateStage extends BoldStage {
  /** The run report's pipeline value. */
  public static final String PIPELINE = "cifti";
  /** The extension of a CIFTI-2 dense time series. */
  public static final String DENSE_SERIES = ".dtseries.nii";

  @Override
  public String name() {
    return PIPELINE;
  }

  @Override
  public String title() {
    return "fMRI (CIFTI)";
  }

  @Override
  public String inputsInWords() {
    return "CIFTI BOLD runs (*_bold.dtseries.nii)";
  }

  /**
   * The dense series runs; where the dataset has several densities ({@code den-91k},
   * {@code den-170k}), those of the first dense label atlas's density.
   */
  @Override
  protected Dataset<Row> boldRows(Dataset<Row> manifest, StageContext context) {
    Dataset<Row> bold = manifest.filter(col("modality").equalTo("func")
        .and(col("suffix").equalTo("bold")).and(col("extension").equalTo(DENSE_SERIES)));
    String density = context.grayordinateAtlases().stream().findFirst()
        .map(a -> AtlasName.of(a.file()).get("den")).orElse(null);
    if (density != null) {
      Dataset<Row> same = bold.filter(col("path").contains("_den-" + density + "_"));
      if (!same.isEmpty()) {
        bold = same;
      }
    }
    return bold;
  }

  @Override
  protected String atlasHint() {
    return "--atlas DSEG.dlabel.nii (a CIFTI dense label atlas)";
  }

  @Override
  protected RunParcellator parcellator(StageContext context) {
    return new GrayordinateParcellator(context.grayordinateAtlases());
  }
}
