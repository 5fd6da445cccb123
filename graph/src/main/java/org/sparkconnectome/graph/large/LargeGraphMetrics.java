package org.sparkconnectome.graph.large;

import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.graphx.Edge;
import org.apache.spark.graphx.Graph;
import org.apache.spark.graphx.TripletFields;
import org.apache.spark.graphx.VertexRDD;
import org.apache.spark.graphx.lib.ConnectedComponents;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Node metrics of large undirected weighted graphs on GraphX: degree, strength, weighted
 * PageRank and connected components, for many graphs at once.
 *
 * <p>Inputs follow the GraphFrames schema with a {@code graph} column that tells graphs apart
 * (numbers 0, 1, ...; one per run): vertices {@code (graph, id)}, edges
 * {@code (graph, src, dst, weight)}, each undirected edge once, weights finite and >= 0 (0 is no
 * edge; self-loops are ignored, as in the per-subject metrics). Conventions are those of
 * {@code org.sparkconnectome.graph.metrics.Centrality.pageRank} and {@code Components}: PageRank
 * as networkx on weights (uniform teleport, isolated vertices spread their rank uniformly over
 * their graph, ranks of a graph sum to 1), computed per graph even though all graphs iterate in
 * one job. GraphX's own PageRank ignores weights, hence this one.
 */
public final class LargeGraphMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(LargeGraphMetrics.class);

  /** Result: one row per vertex; component = lowest node id of the vertex's component. */
  public static final StructType SCHEMA = new StructType()
      .add("graph", DataTypes.LongType, false)
      .add("id", DataTypes.LongType, false)
      .add("degree", DataTypes.LongType, false)
      .add("strength", DataTypes.DoubleType, false)
      .add("pagerank", DataTypes.DoubleType, false)
      .add("component", DataTypes.LongType, false);

  private static final ClassTag<VertexState> STATE = ClassTag$.MODULE$.apply(VertexState.class);
  private static final ClassTag<Double> DOUBLE = ClassTag$.MODULE$.apply(Double.class);
  private static final ClassTag<double[]> PAIR = ClassTag$.MODULE$.apply(double[].class);

  private LargeGraphMetrics() {
  }

  /**
   * Metrics of one graph: vertices {@code (id)}, edges {@code (src, dst, weight)}; the result
   * has the {@link #SCHEMA} columns without {@code graph}.
   */
  public static Dataset<Row> computeOne(Dataset<Row> vertices, Dataset<Row> edges,
      LargeGraphOptions options) {
    Dataset<Row> v = vertices.selectExpr("CAST(0 AS BIGINT) AS graph", "id");
    Dataset<Row> e = edges.selectExpr("CAST(0 AS BIGINT) AS graph", "src", "dst", "weight");
    return compute(v, e, options).drop("graph");
  }

  /**
   * Metrics of every graph in the tables (see the class comment for the columns). Vertices only
   * named by edges are added. Throws IllegalArgumentException for a negative or non-finite
   * weight and ArithmeticException when PageRank does not converge.
   */
  public static Dataset<Row> compute(Dataset<Row> vertices, Dataset<Row> edges,
      LargeGraphOptions options) {
    SparkSession spark = vertices.sparkSession();
    Dataset<Row> e = edges.selectExpr("CAST(graph AS BIGINT) AS graph",
        "CAST(src AS BIGINT) AS src", "CAST(dst AS BIGINT) AS dst",
        "CAST(weight AS DOUBLE) AS weight");
    long bad = e.filter("weight < 0 OR isnan(weight) OR weight IS NULL "
        + "OR weight = double('Infinity')").count();
    if (bad > 0) {
      throw new IllegalArgumentException(bad + " edges have negative, missing or non-finite "
          + "weights: graph weights must be finite and >= 0 (threshold or take |r| first)");
    }
    JavaRDD<Tuple2<Object, VertexState>> vertexRdd = vertices
        .selectExpr("CAST(graph AS BIGINT) AS graph", "CAST(id AS BIGINT) AS id").javaRDD()
        .map(r -> new Tuple2<>((Object) VertexKey.pack(r.getLong(0), r.getLong(1)),
            VertexState.EMPTY));
    JavaRDD<Edge<Double>> edgeRdd = e.filter("src <> dst AND weight > 0").javaRDD()
        .map(r -> new Edge<>(VertexKey.pack(r.getLong(0), r.getLong(1)),
            VertexKey.pack(r.getLong(0), r.getLong(2)), r.getDouble(3)));
    Graph<VertexState, Double> base = Graph.apply(vertexRdd.rdd(), edgeRdd.rdd(),
        VertexState.EMPTY, StorageLevel.MEMORY_AND_DISK(), StorageLevel.MEMORY_AND_DISK(),
        STATE, DOUBLE);
    Map<Integer, Long> counts = base.vertices().toJavaRDD()
        .map(t -> VertexKey.graph((Long) t._1())).countByValue();
    if (counts.isEmpty()) {
      return spark.createDataFrame(java.util.List.of(), SCHEMA);
    }
    int graphs = counts.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    long[] nodes = new long[graphs];
    counts.forEach((g, n) -> nodes[g] = n);

    VertexRDD<double[]> sums = base.aggregateMessages(new GraphFunctions.SendDegree(),
        new GraphFunctions.SumPairs(), TripletFields.EdgeOnly, PAIR);
    Graph<VertexState, Double> ranked = base.outerJoinVertices(sums,
        new GraphFunctions.StartState(nodes), PAIR, STATE, null)
        .persist(StorageLevel.MEMORY_AND_DISK());
    ranked = iterate(ranked, nodes, options);
    Graph<Object, Double> components = ConnectedComponents.run(ranked, STATE, DOUBLE);
    JavaPairRDD<Object, VertexState> states = JavaPairRDD.fromJavaRDD(
        ranked.vertices().toJavaRDD());
    JavaPairRDD<Object, Object> labels = JavaPairRDD.fromJavaRDD(
        components.vertices().toJavaRDD());
    JavaRDD<Row> rows = states.join(labels).map(t -> {
      long vertex = (Long) t._1();
      VertexState s = t._2()._1();
      return RowFactory.create((long) VertexKey.graph(vertex), VertexKey.node(vertex),
          s.degree(), s.strength(), s.rank(), VertexKey.node((Long) t._2()._2()));
    });
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Graph<VertexState, Double> iterate(Graph<VertexState, Double> start,
      long[] nodes, LargeGraphOptions options) {
    int graphs = nodes.length;
    Graph<VertexState, Double> g = start;
    double[] stats = perGraph(g, graphs);
    boolean checkpoints = options.checkpointInterval() > 0
        && g.vertices().sparkContext().getCheckpointDir().isDefined();
    for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
      double[] dangling = new double[graphs];
      System.arraycopy(stats, graphs, dangling, 0, graphs);
      VertexRDD<Double> received = g.aggregateMessages(new GraphFunctions.SendRank(),
          new GraphFunctions.Sum(), TripletFields.All, DOUBLE);
      Graph<VertexState, Double> next = g.outerJoinVertices(received,
          new GraphFunctions.UpdateRank(options.damping(), nodes, dangling), DOUBLE, STATE,
          null).persist(StorageLevel.MEMORY_AND_DISK());
      boolean checkpoint = checkpoints && iteration % options.checkpointInterval() == 0;
      if (checkpoint) {
        next.checkpoint();
      }
      stats = perGraph(next, graphs);
      if (checkpoint) {
        next.edges().count();
      }
      g.unpersistVertices(false);
      g = next;
      if (converged(stats, nodes, options.tolerance())) {
        LOG.info("weighted PageRank of {} graphs converged in {} iterations", graphs,
            iteration);
        return g;
      }
    }
    throw new ArithmeticException("weighted PageRank did not converge in "
        + options.maxIterations() + " iterations (tolerance " + options.tolerance() + ")");
  }

  /** Per graph g: [g] = L1 change of the last step, [graphs + g] = rank on isolated vertices. */
  private static double[] perGraph(Graph<VertexState, Double> g, int graphs) {
    return g.vertices().toJavaRDD().aggregate(new double[2 * graphs], (acc, t) -> {
      int graph = VertexKey.graph((Long) t._1());
      acc[graph] += t._2().change();
      if (t._2().strength() == 0) {
        acc[graphs + graph] += t._2().rank();
      }
      return acc;
    }, (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i] += b[i];
      }
      return a;
    });
  }

  private static boolean converged(double[] stats, long[] nodes, double tolerance) {
    for (int g = 0; g < nodes.length; g++) {
      if (nodes[g] > 0 && !(stats[g] < nodes[g] * tolerance)) {
        return false;
      }
    }
    return true;
  }
}
