package org.sparkconnectome.graph.large;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.graph.ReferenceData;
import org.sparkconnectome.graph.WeightedGraph;
import org.sparkconnectome.graph.metrics.Centrality;
import org.sparkconnectome.graph.metrics.Components;

/** GraphX metrics against the per-subject implementation on graphs small enough for both. */
@Tag("spark")
class LargeGraphMetricsTest {
  private static final StructType VERTICES = new StructType()
      .add("graph", DataTypes.LongType).add("id", DataTypes.LongType);
  private static final StructType EDGES = new StructType()
      .add("graph", DataTypes.LongType).add("src", DataTypes.LongType)
      .add("dst", DataTypes.LongType).add("weight", DataTypes.DoubleType);

  @TempDir
  static Path checkpoints;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.get();
    spark.sparkContext().setCheckpointDir(checkpoints.toString());
  }

  @Test
  void weighted30AgreesWithPerSubjectPageRankAndComponents() throws IOException {
    double[][] m = ReferenceData.matrix(ReferenceData.weighted30());
    List<double[][]> graphs = new ArrayList<>();
    graphs.add(m);
    Map<Long, Row[]> result = run(graphs, LargeGraphOptions.defaults());
    assertAgrees(m, result.get(0L));
  }

  @Test
  void randomGraphsIteratedTogetherAgreeOneByOne() {
    Random random = new Random(7);
    List<double[][]> graphs = new ArrayList<>();
    // Sparse graphs with isolated nodes and several components, a dense one, a tiny one.
    graphs.add(randomGraph(random, 60, 0.04));
    graphs.add(randomGraph(random, 45, 0.3));
    graphs.add(randomGraph(random, 80, 0.02));
    graphs.add(randomGraph(random, 3, 0.0));
    // Checkpointing every 3 iterations must not change anything.
    Map<Long, Row[]> result = run(graphs, new LargeGraphOptions(0.85, 1e-10, 500, 3));
    for (int g = 0; g < graphs.size(); g++) {
      assertAgrees(graphs.get(g), result.get((long) g));
    }
  }

  @Test
  void singleGraphApiAndDegreeAndStrength() {
    double[][] m = randomGraph(new Random(3), 25, 0.2);
    List<Row> v = new ArrayList<>();
    List<Row> e = new ArrayList<>();
    for (int i = 0; i < m.length; i++) {
      v.add(RowFactory.create((long) i));
      for (int j = i + 1; j < m.length; j++) {
        if (m[i][j] > 0) {
          e.add(RowFactory.create((long) i, (long) j, m[i][j]));
        }
      }
    }
    Dataset<Row> vertices = spark.createDataFrame(v, new StructType()
        .add("id", DataTypes.LongType));
    Dataset<Row> edges = spark.createDataFrame(e, new StructType().add("src", DataTypes.LongType)
        .add("dst", DataTypes.LongType).add("weight", DataTypes.DoubleType));
    List<Row> rows = LargeGraphMetrics.computeOne(vertices, edges, LargeGraphOptions.defaults())
        .orderBy("id").collectAsList();
    WeightedGraph graph = WeightedGraph.of(m);
    double[] pr = Centrality.pageRank(graph);
    assertEquals(m.length, rows.size());
    for (int i = 0; i < m.length; i++) {
      Row r = rows.get(i);
      assertEquals(i, r.getLong(r.fieldIndex("id")));
      assertEquals(graph.degree(i), r.getLong(r.fieldIndex("degree")));
      assertEquals(graph.strength(i), r.getDouble(r.fieldIndex("strength")), 1e-12);
      assertEquals(pr[i], r.getDouble(r.fieldIndex("pagerank")), 1e-6);
    }
  }

  @Test
  void negativeWeightsAreRefused() {
    Dataset<Row> vertices = spark.createDataFrame(List.of(RowFactory.create(0L, 0L),
        RowFactory.create(0L, 1L)), VERTICES);
    Dataset<Row> edges = spark.createDataFrame(List.of(RowFactory.create(0L, 0L, 1L, -0.3)),
        EDGES);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LargeGraphMetrics.compute(vertices, edges, LargeGraphOptions.defaults()));
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
  }

  private static void assertAgrees(double[][] m, Row[] rows) {
    WeightedGraph graph = WeightedGraph.of(m);
    double[] pr = Centrality.pageRank(graph);
    int[] labels = Components.labels(graph);
    assertEquals(m.length, rows.length);
    double sum = 0;
    Map<Long, Integer> componentToLabel = new HashMap<>();
    for (int i = 0; i < m.length; i++) {
      Row r = rows[i];
      assertEquals(pr[i], r.getDouble(r.fieldIndex("pagerank")), 1e-6, "pagerank of " + i);
      sum += r.getDouble(r.fieldIndex("pagerank"));
      assertEquals(graph.degree(i), r.getLong(r.fieldIndex("degree")), "degree of " + i);
      long component = r.getLong(r.fieldIndex("component"));
      // Same partition: each GraphX component maps to exactly one per-subject label.
      Integer seen = componentToLabel.putIfAbsent(component, labels[i]);
      assertEquals(seen == null ? labels[i] : seen, labels[i], "component of " + i);
      assertTrue(component <= i, "component is named by its lowest node");
    }
    assertEquals(Components.count(graph), componentToLabel.size());
    assertEquals(1.0, sum, 1e-9);
  }

  /** Runs all graphs in one job; rows per graph ordered by id. */
  private static Map<Long, Row[]> run(List<double[][]> graphs, LargeGraphOptions options) {
    List<Row> v = new ArrayList<>();
    List<Row> e = new ArrayList<>();
    for (int g = 0; g < graphs.size(); g++) {
      double[][] m = graphs.get(g);
      for (int i = 0; i < m.length; i++) {
        v.add(RowFactory.create((long) g, (long) i));
        for (int j = i + 1; j < m.length; j++) {
          if (m[i][j] != 0) {
            e.add(RowFactory.create((long) g, (long) i, (long) j, m[i][j]));
          }
        }
      }
    }
    List<Row> rows = LargeGraphMetrics.compute(spark.createDataFrame(v, VERTICES),
        spark.createDataFrame(e, EDGES), options).orderBy("graph", "id").collectAsList();
    Map<Long, Row[]> byGraph = new HashMap<>();
    for (int g = 0; g < graphs.size(); g++) {
      long graph = g;
      byGraph.put(graph, rows.stream().filter(r -> r.getLong(0) == graph).toArray(Row[]::new));
    }
    return byGraph;
  }

  private static double[][] randomGraph(Random random, int n, double density) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (random.nextDouble() < density) {
          m[i][j] = 0.1 + random.nextDouble();
          m[j][i] = m[i][j];
        }
      }
    }
    return m;
  }
}
