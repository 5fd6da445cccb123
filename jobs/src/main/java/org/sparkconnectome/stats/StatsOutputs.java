package org.sparkconnectome.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the results of the statistics commands: JSON for machines, TSV for people, and Spark
 * tables under {@code DIR/tables/} for further queries.
 */
public final class StatsOutputs {
  /** Schema of the {@code nbs_edges} table: every supra-threshold edge with its component. */
  public static final StructType NBS_EDGES = new StructType()
      .add("component", DataTypes.IntegerType, false)
      .add("region_a", DataTypes.StringType, false)
      .add("region_b", DataTypes.StringType, false)
      .add("t", DataTypes.DoubleType, false)
      .add("component_size", DataTypes.IntegerType, false)
      .add("p_value", DataTypes.DoubleType, false);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatsOutputs() {
  }

  /** DIR/classification.json and DIR/top_edges.tsv. */
  public static void writeClassification(Path dir, ClassificationResult r,
      Map<String, Object> settings) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("auc", finite(r.auc()));
    json.put("balanced_accuracy", finite(r.balancedAccuracy()));
    json.put("p_value", finite(r.pValue()));
    json.put("n_subjects", r.nSubjects());
    json.put("n_rows", r.nRows());
    json.put("positive_class", r.positive());
    json.put("negative_class", r.negative());
    json.put("permutation_statistic_auc", finite(r.permutationAuc()));
    json.put("permutations", r.nullAucs().length);
    json.put("confusion", confusion(r.confusion()));
    List<Map<String, Object>> folds = new ArrayList<>();
    for (ClassificationResult.FoldResult f : r.folds()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fold", f.fold());
      m.put("test_rows", f.testRows());
      m.put("test_subjects", f.testSubjects());
      m.put("auc", finite(f.auc()));
      m.put("balanced_accuracy", finite(f.balancedAccuracy()));
      m.put("confusion", confusion(f.confusion()));
      folds.add(m);
    }
    json.put("folds", folds);
    List<Map<String, Object>> top = new ArrayList<>();
    for (ClassificationResult.EdgeWeight e : r.topEdges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("edge", List.of(e.regionA(), e.regionB()));
      m.put("weight", e.weight());
      top.add(m);
    }
    json.put("top_edges", top);
    json.put("excluded", r.excluded());
    json.put("settings", settings);
    JSON.writeValue(dir.resolve("classification.json").toFile(), json);
    try (Writer w = Files.newBufferedWriter(dir.resolve("top_edges.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("rank\tregion_a\tregion_b\tweight\n");
      int rank = 1;
      for (ClassificationResult.EdgeWeight e : r.topEdges()) {
        w.write(rank++ + "\t" + e.regionA() + "\t" + e.regionB() + "\t" + e.weight() + "\n");
      }
    }
  }

  /** DIR/prediction.json and DIR/predictions.tsv (subject, fold, observed, predicted). */
  public static void writePrediction(Path dir, PredictionResult r, Map<String, Object> settings)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("r", finite(r.r()));
    json.put("p_value", finite(r.pValue()));
    json.put("n_subjects", r.subjects().size());
    json.put("mae", finite(r.mae()));
    json.put("permutation_statistic_r", finite(r.permutationR()));
    json.put("permutations", r.nullR().length);
    List<Double> foldR = new ArrayList<>();
    for (double v : r.foldR()) {
      foldR.add(finite(v));
    }
    json.put("fold_r", foldR);
    json.put("fold_reg_param", r.foldRegParam());
    json.put("excluded", r.excluded());
    json.put("settings", settings);
    JSON.writeValue(dir.resolve("prediction.json").toFile(), json);
    try (Writer w = Files.newBufferedWriter(dir.resolve("predictions.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("subject\tfold\tobserved\tpredicted\n");
      for (int s = 0; s < r.subjects().size(); s++) {
        w.write(r.subjects().get(s) + "\t" + r.fold()[s] + "\t" + r.target()[s] + "\t"
            + r.prediction()[s] + "\n");
      }
    }
  }

  /** DIR/cluster.json and DIR/cluster_assignments.tsv. */
  public static void writeClustering(Path dir, ClusteringResult r, Map<String, Object> settings)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("n_subjects", r.subjects().size());
    json.put("dimensions", r.features());
    List<Map<String, Object>> fits = new ArrayList<>();
    for (ClusteringResult.Fit f : r.fits()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("method", f.method());
      m.put("k", f.k());
      m.put("silhouette", finite(f.silhouette()));
      m.put("log_likelihood", finite(f.logLikelihood()));
      m.put("cost", finite(f.cost()));
      fits.add(m);
    }
    json.put("fits", fits);
    json.put("best_k", r.bestK());
    json.put("excluded", r.excluded());
    json.put("settings", settings);
    JSON.writeValue(dir.resolve("cluster.json").toFile(), json);
    try (Writer w = Files.newBufferedWriter(dir.resolve("cluster_assignments.tsv"),
        StandardCharsets.UTF_8)) {
      List<String> methods = new ArrayList<>(r.assignments().keySet());
      w.write("subject\t" + String.join("\t", methods) + "\n");
      for (int s = 0; s < r.subjects().size(); s++) {
        StringBuilder line = new StringBuilder(r.subjects().get(s));
        for (String m : methods) {
          line.append('\t').append(r.assignments().get(m)[s]);
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  /** DIR/nbs.json, DIR/nbs_components.tsv, DIR/nbs_tstat.tsv and table DIR/tables/nbs_edges. */
  public static void writeNbs(SparkSession spark, Path dir, NbsResult r, List<String> regions,
      Map<String, Object> header) throws IOException {
    Files.createDirectories(dir);
    EdgeComponents network = EdgeComponents.upperTriangle(regions.size());
    Map<String, Object> json = new LinkedHashMap<>(header);
    json.put("threshold_t", r.threshold());
    json.put("permutations", r.permutations());
    json.put("seed", r.seed());
    List<Map<String, Object>> components = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < r.components().size(); c++) {
      NbsResult.Component comp = r.components().get(c);
      List<List<String>> edges = new ArrayList<>();
      for (int k : comp.edges()) {
        String a = regions.get(network.first()[k]);
        String b = regions.get(network.second()[k]);
        edges.add(List.of(a, b));
        rows.add(RowFactory.create(c + 1, a, b, r.t()[k], comp.size(), comp.pValue()));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("component", c + 1);
      m.put("size", comp.size());
      m.put("intensity", comp.intensity());
      m.put("p_value", comp.pValue());
      m.put("nodes", edges.stream().flatMap(List::stream).distinct().sorted().toList());
      m.put("edges", edges);
      components.add(m);
    }
    json.put("components", components);
    double[] sorted = r.nullMaxSize().clone();
    Arrays.sort(sorted);
    if (sorted.length > 0) {
      json.put("null_max_size_95th", sorted[(int) Math.ceil(0.95 * sorted.length) - 1]);
    }
    JSON.writeValue(dir.resolve("nbs.json").toFile(), json);
    try (Writer w = Files.newBufferedWriter(dir.resolve("nbs_components.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("component\tregion_a\tregion_b\tt\tcomponent_size\tp_value\n");
      for (Row row : rows) {
        w.write(row.get(0) + "\t" + row.get(1) + "\t" + row.get(2) + "\t" + row.get(3) + "\t"
            + row.get(4) + "\t" + row.get(5) + "\n");
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("nbs_tstat.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("region_a\tregion_b\tt\n");
      for (int k = 0; k < r.t().length; k++) {
        w.write(regions.get(network.first()[k]) + "\t" + regions.get(network.second()[k]) + "\t"
            + (Double.isFinite(r.t()[k]) ? Double.toString(r.t()[k]) : "n/a") + "\n");
      }
    }
    spark.createDataFrame(rows, NBS_EDGES).coalesce(1).write().format("delta")
        .mode(SaveMode.Overwrite).option("overwriteSchema", "true")
        .save(dir.toAbsolutePath().resolve("tables").resolve("nbs_edges").toUri().toString());
  }

  private static Map<String, Object> confusion(BinaryMetrics.Confusion c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("true_positive", c.truePositive());
    m.put("false_positive", c.falsePositive());
    m.put("true_negative", c.trueNegative());
    m.put("false_negative", c.falseNegative());
    return m;
  }

  /** JSON has no NaN: undefined values are written as null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
