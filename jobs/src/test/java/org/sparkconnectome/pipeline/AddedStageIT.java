package org.sparkconnectome.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.ManifestEntry;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.report.CohortReport;
import org.sparkconnectome.stage.RunOutcome;
import org.sparkconnectome.stage.RunReportTable;
import org.sparkconnectome.stage.RunTables;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.StageContext;
import org.sparkconnectome.stage.StageTable;
import org.sparkconnectome.stage.Stages;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * A modality added without touching the engine, the tables or the report: a small stage that
 * takes the brain masks of the sample cohort, writes one matrix per mask to the connectome
 * table and one row to a table of its own. The engine plans, runs, carries and commits it like
 * the built-in stages; graph metrics and the report read its rows by their columns.
 */
@Tag("spark")
class AddedStageIT {
  private static final String MEASURE = "maskcoupling";

  @TempDir
  Path work;

  /** The test modality: one task per brain mask, a matrix made from the mask's size. */
  static final class MaskStage implements Stage {
    static final StructType MASKS = RunTables.withKey()
        .add("bytes", DataTypes.LongType, false)
        .add("source", DataTypes.StringType, false);

    @Override
    public String name() {
      return "masks";
    }

    @Override
    public String settingsSection() {
      return "graph";
    }

    @Override
    public String inputsInWords() {
      return "brain masks";
    }

    @Override
    public Dataset<Row> inputs(Dataset<Row> manifest, StageContext context) {
      return manifest.filter(col("suffix").equalTo("mask").and(col("desc").equalTo("brain")));
    }

    @Override
    public List<StageTable> tables() {
      return List.of(new StageTable("mask_sizes", MASKS));
    }

    @Override
    public JavaRDD<RunOutcome> process(Dataset<Row> todo, StageContext context) {
      List<String> regions = new ArrayList<>();
      context.atlases().get(0).regions().forEach(r -> regions.add(r.name()));
      String atlas = context.atlases().get(0).name();
      String hash = context.settingsHash();
      return todo.javaRDD().map(row -> outcome(row, regions, atlas, hash))
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
    }

    private static RunOutcome outcome(Row row, List<String> regions, String atlas,
        String hash) {
      // Outputs name the run by its BIDS URI, as every stage does.
      String path = ManifestEntry.sourceUri(row);
      long bytes = ((Number) row.getAs("size")).longValue();
      Map<String, String> entities = new LinkedHashMap<>(BidsName.parse(
          path.substring(path.lastIndexOf('/') + 1)).name().entities());
      int n = regions.size();
      double[][] m = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          m[i][j] = i == j ? 0 : 1.0 / (1 + Math.abs(i - j) + bytes % 7);
        }
      }
      Connectome matrix = Connectome.fromMatrix(regions, m);
      Row report = RunReportTable.row(entities, path, "masks", RunReportTable.COMPUTED, null,
          RunReportTable.inputHashes(path, row.getAs("content_hash"), row.getAs("paired_hash")),
          hash, 0.0,
          new String[0]);
      Map<String, List<Row>> rows = new LinkedHashMap<>();
      rows.put(RunTables.CONNECTOMES_TABLE,
          List.of(RunTables.connectome(entities, atlas, MEASURE, matrix, hash, path)));
      rows.put("mask_sizes", List.of(RunTables.row(entities, bytes, path)));
      return new RunOutcome(report, rows);
    }
  }

  @Test
  void aNewStageRunsOnTheEngineUnchanged() throws IOException {
    SparkSession spark = SharedSpark.get();
    Path bids = work.resolve("bids");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    Path out = work.resolve("out");
    Atlas atlas = Atlas.load(DataSources.open(bids.resolve("atlas")
        .resolve("tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz").toString()));
    PipelineConfig config = PipelineConfig.defaults()
        .with("graph.measures", "pearson," + MEASURE, "test")
        .with("graph.null_graphs", "0", "test")
        .with("graph.louvain_runs", "2", "test")
        .with("fmri.measures", "pearson", "test");
    List<Stage> stages = new ArrayList<>(Stages.registered());
    stages.add(new MaskStage());
    CohortPipeline engine = new CohortPipeline(spark, config, List.of(atlas),
        out.toUri().toString(), stages);

    RunReportWriter.Counts first = engine.run(bids.toUri().toString(), List.of(), true);
    assertEquals(12, first.computed(), "4 BOLD runs, 4 tractograms, 4 masks");
    String tables = out.resolve("tables").toString();
    Dataset<Row> connectomes = spark.read().format("delta").load(tables + "/connectomes");
    assertEquals(4, connectomes.filter(col("measure").equalTo(MEASURE)).count());
    assertEquals(4, spark.read().format("delta").load(tables + "/mask_sizes").count());
    Dataset<Row> nodes = spark.read().format("delta").load(tables + "/node_metrics");
    assertEquals(4 * atlas.regions().size(),
        nodes.filter(col("measure").equalTo(MEASURE)).count(),
        "graph metrics of the new stage's matrices, by their columns");
    assertTrue(Files.exists(out.resolve("sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym"
        + "_atlas-Sample_stat-" + MEASURE + "_nodes.tsv")), "node table beside the source");
    String report = Files.readString(out.resolve("run-report.json"));
    assertTrue(report.contains("\"masks\""), "run report holds the new stage's runs and hash");

    // Nothing changed: the new stage's runs are skipped and their rows carried.
    RunReportWriter.Counts second = engine.run(bids.toUri().toString(), List.of(), true);
    assertEquals(0, second.computed());
    assertEquals(12, second.skipped());
    assertEquals(4, spark.read().format("delta").load(tables + "/mask_sizes").count());
    assertEquals(4, spark.read().format("delta").load(tables + "/connectomes")
        .filter(col("measure").equalTo(MEASURE)).count());

    // The report reads the new stage's rows by their columns, without code of its own.
    String page = Files.readString(Path.of(java.net.URI.create(
        new CohortReport(spark, out.toUri().toString()).write())));
    assertTrue(page.contains("masks runs (computed or skipped)"), "a count card per stage");
    assertTrue(page.contains("masks per run (per-run task)"), "a timings row per stage");
    // Matrices and run sections live on the subject's own page, linked from the index.
    String subject = Files.readString(out.resolve("report").resolve("sub-01.html"));
    assertTrue(subject.contains("masks: " + MEASURE + " of sub-01_task-rest, atlas Sample"),
        "the new stage's matrices, from the connectome table");
    assertTrue(subject.contains("id=\"run-sub-01_task-rest\""), "the fMRI sections stay");
  }
}
