package org.sparkconnectome.dwi;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.spark.StageProgress;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;
import org.sparkconnectome.stage.TaskBudget;

/**
 * Diffusion: every tractogram assigned to the atlases' regions in byte-range tasks, and, with
 * own tracking on, every DWI without a tractogram fitted and tracked first.
 */
public final class StructuralStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(StructuralStage.class);

  @Override
  public String name() {
    return StructuralConnectomeJob.PIPELINE;
  }

  @Override
  public String title() {
    return "diffusion";
  }

  @Override
  public String perRunWork() {
    return "streamlines to regions, structural connectome, write";
  }

  @Override
  public String inputsInWords() {
    return "tractograms or DWIs";
  }

  @Override
  public Dataset<Row> inputs(Dataset<Row> manifest, StageContext context) {
    Dataset<Row> rows = StructuralRunSelection.rows(manifest,
        DiffusionSettings.from(context.config()).ownTracking());
    if (context.volumeAtlases().isEmpty()) {
      if (context.atlases().isEmpty()) {
        long runs = rows.count();
        if (runs > 0) {
          throw new UserException(runs + " tractograms or DWIs found but no atlas: give "
              + "--atlas DSEG.nii.gz (a label image with a .tsv of index and name beside it)");
        }
      }
      // Dense label atlases only: streamlines end in voxels, which a grayordinate atlas has
      // for subcortical structures alone.
      LOG.info("dMRI: not run: no label-image atlas given");
      return rows.limit(0);
    }
    return rows;
  }

  @Override
  public Dataset<Row> runnable(Dataset<Row> inputs) {
    return StructuralRunSelection.runnable(inputs);
  }

  /** Besides what the scan refused: DWIs without both gradient files. */
  @Override
  public Dataset<Row> unprocessable(Dataset<Row> inputs) {
    return inputs.filter(col("status").notEqual(lit(ManifestEntry.VALID))
        .or(col("suffix").equalTo("dwi").and(col("bval").isNull().or(col("bvec").isNull()))))
        .select(col("subject"), col("path"),
            when(col("status").equalTo(ManifestEntry.VALID), concat(col("path"),
                lit(": no .bval/.bvec paired with this DWI (expected beside it, same "
                    + "entities)"))).otherwise(col("reason")).as("reason"));
  }

  @Override
  public JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) {
    DiffusionSettings diffusion = DiffusionSettings.from(context.config());
    JavaRDD<StructuralRun> runs = StructuralRunSelection.runs(todo);
    long count = runs.count();
    LOG.info("dMRI: {} runs to compute, assignment {}, settings {}", count,
        diffusion.structural().assignment(), context.settingsHash());
    StructuralConnectomeJob.JobInputs inputs = new StructuralConnectomeJob.JobInputs(
        context.volumeAtlases(), diffusion.structural(), diffusion.tracking(),
        diffusion.splitBytes(), context.settingsHash(), context.filesRoot(), context.uris(),
        TaskBudget.of(context.config()));
    try (StageProgress progress = new StageProgress(context.spark().sparkContext(), "dMRI",
        "runs", count).start()) {
      JavaRDD<RunOutcome> outcomes = StructuralConnectomeJob.process(context.spark(), runs,
          inputs, progress.done(), progress.failed());
      outcomes.count();
      return outcomes;
    }
  }
}
