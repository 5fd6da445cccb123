package org.sparkconnectome.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparkconnectome.bids.ManifestEntry;

/**
 * What one modality contributes to a cohort run (the engine, {@code pipeline.CohortPipeline},
 * knows none by name): the manifest rows it takes, the settings that decide when a run is
 * computed again, the per-run work as Spark tasks, the tables it adds rows to, and an optional
 * cohort step after the per-run work.
 *
 * <p>The engine plans (which runs changed since the last report), runs every stage's changed
 * runs, carries the rows of unchanged ones, commits the tables and publishes. Every stage's
 * matrices go to the one connectome table ({@link RunTables#CONNECTOMES}), which graph metrics,
 * statistics and the report read by its columns. Stages are found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.sparkconnectome.stage.Stage}), in the
 * order that file lists them; a stage object lives on the driver, and what its tasks need goes
 * to them as serialisable values, never the stage itself.
 */
public interface Stage {

  /** The run report's {@code pipeline} value, e.g. {@code fmri}. */
  String name();

  /**
   * The configuration section whose values, with the graph settings and the atlases, make up
   * the stage's settings hash.
   */
  default String settingsSection() {
    return name();
  }

  /** The stage's name for people (report headings), e.g. {@code fMRI}. */
  default String title() {
    return name();
  }

  /** What one run's task does, in words, for the report's timings table. */
  default String perRunWork() {
    return "per run";
  }

  /** What the stage looks for, in words, for the error when a dataset has nothing at all. */
  String inputsInWords();

  /** The manifest rows this stage is responsible for, valid or not. */
  Dataset<Row> inputs(Dataset<Row> manifest, StageContext context);

  /** The rows of {@link #inputs} that can be processed; the others are reported as failed. */
  default Dataset<Row> runnable(Dataset<Row> inputs) {
    return inputs.filter(col("status").equalTo(ManifestEntry.VALID));
  }

  /**
   * The rows of {@link #inputs} that cannot be processed, as (subject, path, reason): by
   * default those the scan refused, with its reason.
   */
  default Dataset<Row> unprocessable(Dataset<Row> inputs) {
    return inputs.filter(col("status").notEqual(lit(ManifestEntry.VALID)))
        .select(col("subject"), col("path"), col("reason"));
  }

  /** The tables besides the connectome table this stage adds per-run rows to. */
  default List<StageTable> tables() {
    return List.of();
  }

  /**
   * Computes the given runnable rows on the cluster, one outcome per run (failures included,
   * with their reason); the result is persisted, since every output table derives from it.
   */
  JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) throws IOException;

  /**
   * Connectome measures that the cohort step computes over all runs (rather than per run): their
   * previous rows are replaced when anything changed and carried otherwise.
   */
  default Set<String> cohortMeasures(StageContext context) {
    return Set.of();
  }

  /**
   * Work over the whole cohort after every stage's per-run work, when anything changed: the
   * group tangent space, voxel-level graphs. Returns connectome rows of {@link #cohortMeasures}
   * (replacing the previous ones), or empty.
   *
   * @param connectomes every run's per-run connectome rows, carried and new, of all stages
   * @param manifest the whole manifest of this pipeline run
   */
  default Optional<Dataset<Row>> cohortStep(Dataset<Row> connectomes, Dataset<Row> manifest,
      StageContext context) throws IOException {
    return Optional.empty();
  }
}
