package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.testing.SharedSpark;
import picocli.CommandLine;

/**
 * The whole chain on a generated cohort with a planted group difference (Default network
 * correlations lowered by 0.3 in patients): {@code sample}, {@code run}, then {@code stats
 * classify|nbs|cluster} through the real command line.
 */
class PlantedEffectPipelineTest {
  @TempDir
  static Path dir;
  private static Path tables;

  @BeforeAll
  static void generateAndRun() {
    SharedSpark.get();
    Path bids = dir.resolve("bids");
    execute("sample", "--out", bids.toString(), "--subjects", "16", "--seed", "7",
        "--timepoints", "120", "--streamlines", "0", "--effect", "Default:-0.3");
    execute("run", "--bids", bids.toString(), "--out", dir.resolve("out").toString(),
        "--set", "fmri.measures=pearson", "--set", "fmri.min_clean_seconds=0",
        "--set", "fmri.denoise=acompcor", "--set", "fmri.bandpass=off");
    tables = dir.resolve("out").resolve("tables");
  }

  @Test
  void classifierSeparatesTheGroups() throws Exception {
    Path out = dir.resolve("classify");
    execute("stats", "classify", "--tables", tables.toString(), "--label", "group",
        "--out", out.toString(), "--permutations", "200", "--folds", "4");
    JsonNode json = new ObjectMapper().readTree(out.resolve("classification.json").toFile());
    assertTrue(json.get("auc").asDouble() >= 0.9, "AUC " + json.get("auc"));
    assertTrue(json.get("balanced_accuracy").asDouble() >= 0.8);
    assertTrue(json.get("p_value").asDouble() < 0.05, "p " + json.get("p_value"));
    assertEquals(16, json.get("n_subjects").asInt());
    assertEquals(4, json.get("folds").size());
    JsonNode top = json.get("top_edges").get(0).get("edge");
    assertTrue(top.get(0).asText().contains("Default") && top.get(1).asText()
        .contains("Default"), "top edge " + top);
    assertTrue(Files.readAllLines(out.resolve("top_edges.tsv")).size() > 1);
  }

  @Test
  void otherModelsHarmonisationAndMllibPermutationsRun() throws Exception {
    Path config = dir.resolve("fast.yaml");
    Files.writeString(config, "classify:\n  max_iter: 20\n  trees: 20\n");
    Path svm = dir.resolve("classify-svm");
    execute("stats", "classify", "--tables", tables.toString(), "--out", svm.toString(),
        "--model", "svm", "--combat", "--permutations", "0", "--config", config.toString());
    JsonNode json = new ObjectMapper().readTree(svm.resolve("classification.json").toFile());
    assertTrue(json.get("auc").asDouble() >= 0.9, "AUC " + json.get("auc"));
    assertTrue(json.get("settings").get("combat").asText().startsWith("parametric"));
    Path mllib = dir.resolve("classify-mllib");
    execute("stats", "classify", "--tables", tables.toString(), "--out", mllib.toString(),
        "--pca", "4", "--permutation-method", "mllib", "--permutations", "2", "--folds", "3",
        "--config", config.toString());
    json = new ObjectMapper().readTree(mllib.resolve("classification.json").toFile());
    assertEquals(2, json.get("permutations").asInt());
    assertTrue(json.get("p_value").asDouble() >= 1 / 3.0, "p with 2 permutations");
    Path forest = dir.resolve("classify-forest");
    execute("stats", "classify", "--tables", tables.toString(), "--out", forest.toString(),
        "--model", "forest", "--permutations", "0", "--site-folds", "--config",
        config.toString());
    json = new ObjectMapper().readTree(forest.resolve("classification.json").toFile());
    assertEquals(2, json.get("folds").size(), "one fold per site");
    assertTrue(json.get("top_edges").size() > 0);
  }

  @Test
  void nbsFindsThePlantedComponent() throws Exception {
    Path out = dir.resolve("nbs");
    execute("stats", "nbs", "--tables", tables.toString(), "--contrast", "control-patient",
        "--out", out.toString(), "--permutations", "500", "--threshold", "3",
        "--covariates", "age,sex");
    JsonNode json = new ObjectMapper().readTree(out.resolve("nbs.json").toFile());
    JsonNode first = json.get("components").get(0);
    assertTrue(first.get("p_value").asDouble() < 0.05, "p " + first.get("p_value"));
    Set<String> found = new TreeSet<>();
    first.get("edges").forEach(e -> found.add(e.get(0).asText() + "|" + e.get(1).asText()));
    List<String> defaults = List.of("L_Default_1", "L_Default_2", "R_Default_1", "R_Default_2");
    Set<String> planted = new TreeSet<>();
    for (int i = 0; i < defaults.size(); i++) {
      for (int j = i + 1; j < defaults.size(); j++) {
        planted.add(defaults.get(i) + "|" + defaults.get(j));
      }
    }
    assertTrue(found.containsAll(planted), "component " + found + " lacks planted " + planted);
    assertEquals(first.get("size").asInt(), found.size());
    assertTrue(Files.isDirectory(out.resolve("tables").resolve("nbs_edges")));
    assertEquals(SharedSpark.get().read().format("delta")
        .load(out.resolve("tables").resolve("nbs_edges").toString()).count(),
        Files.readAllLines(out.resolve("nbs_components.tsv")).size() - 1);
  }

  @Test
  void clusteringScoresEachK() throws Exception {
    Path out = dir.resolve("cluster");
    execute("stats", "cluster", "--tables", tables.toString(), "--out", out.toString(),
        "--k-min", "2", "--k-max", "3");
    JsonNode json = new ObjectMapper().readTree(out.resolve("cluster.json").toFile());
    assertEquals(4, json.get("fits").size());
    json.get("fits").forEach(f -> assertTrue(f.get("method").asText().equals("gmm")
        || f.get("silhouette").isNumber()));
    assertEquals(17, Files.readAllLines(out.resolve("cluster_assignments.tsv")).size());
  }

  @Test
  void missingTablesAreAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("stats", "nbs", "--tables", dir.resolve("nowhere").toString(),
        "--contrast", "patient-control", "--out", dir.resolve("x").toString());
    assertEquals(ConnectomeCli.EXIT_USAGE, code);
    assertTrue(err.toString().contains("no connectomes table"), err.toString());
  }

  private static void execute(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = ConnectomeCli.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    List<String> all = new ArrayList<>(List.of(args));
    int code = cli.execute(all.toArray(new String[0]));
    assertEquals(0, code, String.join(" ", args) + " failed: " + err);
  }
}
