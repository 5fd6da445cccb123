package org.sparkconnectome.coupling;

import java.io.IOException;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;

/**
 * Structure-function coupling across modalities ({@code coupling} section). A cohort step only:
 * it reads the structural and functional matrices other stages wrote to the connectome table,
 * so it runs after them (it is listed after them in the services file) and names no modality
 * but by the measures its settings give. Its tables ({@link CouplingTables}) are rewritten
 * whenever anything in the cohort changed, as the voxel stage's are.
 */
public final class CouplingStage implements Stage {

  @Override
  public String name() {
    return "coupling";
  }

  @Override
  public String title() {
    return "structure-function coupling";
  }

  @Override
  public String perRunWork() {
    return "coupling of one subject's matrices";
  }

  @Override
  public String inputsInWords() {
    return "structural and functional connectomes for coupling";
  }

  /** None: the cohort step reads the connectome table. */
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
    CouplingSettings settings = CouplingSettings.from(context.config());
    if (settings.enabled()) {
      CohortCoupling.run(context.spark(), connectomes, settings, context.filesRoot(),
          context.outRoot());
    }
    return Optional.empty();
  }
}
