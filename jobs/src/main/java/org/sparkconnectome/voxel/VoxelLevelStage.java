package org.sparkconnectome.voxel;

import java.io.IOException;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.fmri.FunctionalRunSelection;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;

/**
 * Voxel-level graphs ({@code voxel.enabled}, off by default). A cohort step only: its tables
 * ({@code voxel_*}, see {@link VoxelStage}) are rewritten for every BOLD run whenever anything
 * in the cohort changed, not carried run by run, so it has no per-run rows for the engine.
 */
public final class VoxelLevelStage implements Stage {

  @Override
  public String name() {
    return "voxel";
  }

  @Override
  public String title() {
    return "voxel level";
  }

  @Override
  public String perRunWork() {
    return "voxel correlations, graph, maps";
  }

  @Override
  public String inputsInWords() {
    return "BOLD runs for voxel graphs";
  }

  /** None: the cohort step selects its own BOLD runs. */
  @Override
  public Dataset<Row> inputs(Dataset<Row> manifest, StageContext context) {
    return manifest.limit(0);
  }

  @Override
  public JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) {
    return JavaSparkContext.fromSparkContext(context.spark().sparkContext()).emptyRDD();
  }

  @Override
  public Optional<Dataset<Row>> cohortStep(Dataset<Row> connectomes, Dataset<Row> manifest,
      StageContext context) throws IOException {
    VoxelStage.run(context.spark(),
        FunctionalRunSelection.boldRows(manifest, context.atlasSpace()), manifest,
        context.config(), context.volumeAtlases(), context.filesRoot(), context.outRoot(),
        context.uris());
    return Optional.empty();
  }
}
