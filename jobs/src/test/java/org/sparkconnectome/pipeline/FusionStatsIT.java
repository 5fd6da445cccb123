package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.stats.CohortFeatures;
import org.sparkconnectome.stats.FeatureLoader;
import org.sparkconnectome.stats.FeatureRow;
import org.sparkconnectome.stats.FusedCohort;
import org.sparkconnectome.stats.FusedFeatures;
import org.sparkconnectome.stats.FusionBlock;
import org.sparkconnectome.testing.SharedSpark;

/**
 * {@code stats classify|cluster --features fusion} on a generated cohort with both modalities
 * ({@code sample}: a tractogram and a BOLD run per subject, 16 subjects) whose planted group
 * effect (Default network correlations lowered by 0.4 in patients) lives in the functional
 * block only: the structural block alone does not separate the groups, the fusion of the two
 * does, through the functional edges. One subject's tractogram is removed before {@code run},
 * so the fusion drops it and says so.
 */
@Tag("spark")
class FusionStatsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<FusionBlock> BLOCKS = List.of(FusionBlock.parse("streamlinecount"),
      FusionBlock.parse("pearson"));

  @TempDir
  static Path dir;
  private static Path tables;

  @BeforeAll
  static void cohortWithBothModalities() throws IOException {
    Path bids = dir.resolve("bids");
    CliRun sample = CliRun.of("sample", "--out", bids.toString(), "--subjects", "16",
        "--seed", "7", "--timepoints", "100", "--streamlines", "400", "--effect",
        "Default:-0.4");
    assertEquals(0, sample.exitCode(), sample.err());
    try (Stream<Path> files = Files.list(bids.resolve("sub-16/dwi"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    CliRun run = CliRun.of("run", "--bids", bids.toString(), "--out",
        dir.resolve("out").toString(), "--set", "fmri.measures=pearson", "--set",
        "fmri.min_clean_seconds=0", "--set", "fmri.denoise=acompcor", "--set",
        "fmri.bandpass=off", "--set", "graph.null_graphs=0", "--set", "graph.louvain_runs=1",
        "--set", "report.enabled=false", "--set", "coupling.enabled=false");
    assertEquals(0, run.exitCode(), run.err() + run.out());
    tables = dir.resolve("out").resolve("tables");
  }

  @Test
  void fusionFindsTheEffectOfOneBlockAndRecordsTheBlocks() throws IOException {
    Path structural = dir.resolve("structural");
    CliRun alone = CliRun.of("stats", "classify", "--tables", tables.toString(), "--out",
        structural.toString(), "--measure", "streamlinecount", "--permutations", "100",
        "--folds", "4");
    assertEquals(0, alone.exitCode(), alone.err());
    JsonNode s = JSON.readTree(structural.resolve("classification.json").toFile());
    System.out.println("FusionStatsIT: streamlinecount alone AUC " + s.get("auc") + " p "
        + s.get("p_value"));
    assertTrue(s.get("p_value").asDouble() > 0.05, "no planted structural effect: " + s);

    Path fused = dir.resolve("fused");
    CliRun classify = CliRun.of("stats", "classify", "--tables", tables.toString(), "--out",
        fused.toString(), "--features", "fusion", "--fusion-blocks", "streamlinecount,pearson",
        "--permutations", "100", "--folds", "4");
    assertEquals(0, classify.exitCode(), classify.err());
    JsonNode json = JSON.readTree(fused.resolve("classification.json").toFile());
    System.out.println("FusionStatsIT: fusion AUC " + json.get("auc") + " balanced accuracy "
        + json.get("balanced_accuracy") + " p " + json.get("p_value"));
    assertTrue(json.get("auc").asDouble() >= 0.9, "AUC " + json.get("auc"));
    assertTrue(json.get("p_value").asDouble() < 0.05, "p " + json.get("p_value"));
    assertEquals(15, json.get("n_subjects").asInt(), "sub-16 has no structural block");
    JsonNode top = json.get("top_edges").get(0).get("edge");
    assertTrue(top.get(0).asText().startsWith("pearson:") && top.get(0).asText()
        .contains("Default") && top.get(1).asText().contains("Default"), "top edge " + top);

    JsonNode settings = json.get("settings");
    assertEquals("fusion", settings.get("features").asText());
    JsonNode blocks = settings.get("fusion_blocks");
    assertEquals(2, blocks.size());
    assertEquals("streamlinecount", blocks.get(0).get("block").asText());
    assertEquals("pearson", blocks.get(1).get("measure").asText());
    int regions = blocks.get(1).get("n_regions").asInt();
    assertEquals(regions * (regions - 1) / 2, blocks.get(1).get("n_features").asInt());
    assertEquals(blocks.get(0).get("n_features").asInt() + blocks.get(1).get("n_features")
        .asInt(), settings.get("n_features").asInt());
    assertEquals(0, blocks.get(0).get("dropped").size());
    assertEquals("16", blocks.get(1).get("dropped").get(0).asText(), blocks.toString());

    Path cluster = dir.resolve("cluster");
    CliRun clustered = CliRun.of("stats", "cluster", "--tables", tables.toString(), "--out",
        cluster.toString(), "--features", "fusion", "--fusion-blocks",
        "streamlinecount,pearson", "--k-min", "2", "--k-max", "2");
    assertEquals(0, clustered.exitCode(), clustered.err());
    JsonNode c = JSON.readTree(cluster.resolve("cluster.json").toFile());
    assertEquals(15, c.get("n_subjects").asInt());
    assertEquals(2, c.get("settings").get("fusion_blocks").size());
  }

  @Test
  void theFusedRowsAreFusedFeaturesOfTheLoadedBlocks() throws IOException {
    SparkSession spark = SharedSpark.get();
    FusedCohort cohort = FusedCohort.load(spark, tables.toString(), BLOCKS, null, true,
        List.of("group"));
    CohortFeatures sc = FeatureLoader.load(spark, tables.toString(), null, "streamlinecount",
        true, List.of("group")).perSubject();
    CohortFeatures fc = FeatureLoader.load(spark, tables.toString(), null, "pearson", true,
        List.of("group")).perSubject();
    FusedFeatures expected = FusedFeatures.of(List.of("streamlinecount", "pearson"),
        List.of(sc, fc));
    assertEquals(expected.widths(), cohort.fused().widths());
    assertEquals(expected.dropped(), cohort.fused().dropped());
    List<FeatureRow> rows = cohort.features().rows();
    assertEquals(expected.rows().size(), rows.size());
    for (int r = 0; r < rows.size(); r++) {
      assertEquals(expected.rows().get(r).subject(), rows.get(r).subject());
      assertArrayEquals(expected.rows().get(r).values(), rows.get(r).values(), 0.0);
    }
    int structural = sc.edges();
    assertEquals(structural + fc.edges(), cohort.features().edges());
    String[] first = sc.edgeRegions(0);
    assertArrayEquals(new String[] {"streamlinecount:" + first[0], "streamlinecount:"
        + first[1]}, cohort.features().edgeRegions(0));
    String[] pearson = fc.edgeRegions(3);
    assertArrayEquals(new String[] {"pearson:" + pearson[0], "pearson:" + pearson[1]},
        cohort.features().edgeRegions(structural + 3));
  }
}
