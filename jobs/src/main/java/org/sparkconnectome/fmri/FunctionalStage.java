package org.sparkconnectome.fmri;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.stage.StageContext;

/**
 * fMRI volumes: BOLD NIfTI runs reduced by label-image atlases, then the shared BOLD work
 * ({@link BoldStage}).
 */
public final class FunctionalStage extends BoldStage {

  @Override
  public String name() {
    return FunctionalConnectomeJob.PIPELINE;
  }

  @Override
  public String title() {
    return "fMRI";
  }

  @Override
  public String inputsInWords() {
    return "BOLD runs";
  }

  @Override
  protected Dataset<Row> boldRows(Dataset<Row> manifest, StageContext context) {
    Dataset<Row> bold = FunctionalRunSelection.boldRows(manifest, context.atlasSpace());
    FunctionalRunSelection.refuseOtherTemplates(bold, context.volumeAtlases());
    return bold;
  }

  @Override
  protected String atlasHint() {
    return "--atlas DSEG.nii.gz (a label image with a .tsv of index and name beside it)";
  }

  @Override
  protected RunParcellator parcellator(StageContext context) {
    return new VolumeParcellator(context.volumeAtlases(), context.backend());
  }
}
