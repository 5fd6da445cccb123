package org.sparkconnectome.parcel;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Craddock et al. 2012's two-level spatially constrained normalised cut: each run's similarity
 * graph on the voxel neighbour graph ({@link RunSimilarity}) is cut into K clusters alone
 * ({@link NormalisedCut}); the group graph has the same neighbour edges, each weighted by the
 * fraction of runs whose cut keeps its two voxels together; the group graph is cut into K.
 *
 * <p>Craddock's group matrix counts every pair of voxels that share an individual cluster; this
 * one counts the neighbour pairs only, which keeps the group graph as sparse as the individual
 * ones (13 edges a voxel with 26 neighbours instead of a parcel's size) and its cut spatially
 * constrained like theirs.
 *
 * <p>Each run is one individual graph (a subject with several runs votes once per run). On
 * Spark ({@link #cohortCut}) the runs' cuts are one task each and their votes are summed by a
 * tree aggregation; the group cut runs on the driver.
 *
 * @param connectivity voxel neighbours, 6, 18 or 26 (Craddock's 3 x 3 x 3 neighbourhood)
 * @param threshold a run's correlation must exceed it for an edge (Craddock's 0.5)
 * @param seed the discretisation's start
 */
public record NcutClustering(int connectivity, double threshold, long seed)
    implements ParcelClustering {

  /**
   * The group cut and what led to it.
   *
   * @param graph the neighbour graph the cuts ran on
   * @param edges {@link GridGraph#edges()} of it
   * @param groupWeights per edge, the fraction of runs that keep its voxels together
   * @param cut the group cut
   */
  public record GroupCut(GridGraph graph, int[][] edges, double[] groupWeights,
      NormalisedCut.Cut cut) {
  }

  @Override
  public int[] cluster(CohortFeatures sample, int k) {
    GridGraph graph = neighbourGraph(sample);
    int[][] edges = graph.edges();
    int[] together = new int[edges[0].length];
    for (CohortFeatures.RunColumns run : sample.runs()) {
      add(together, votes(sample, run, edges, k));
    }
    return groupCut(graph, edges, together, sample.runs().size(), k).cut().labels();
  }

  /** The cohort's cut with one Spark task per run for the individual cuts. */
  public GroupCut cohortCut(SparkSession spark, CohortFeatures cohort, int k) {
    GridGraph graph = neighbourGraph(cohort);
    int[][] edges = graph.edges();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<CohortFeatures> shared = jsc.broadcast(cohort);
    Broadcast<int[][]> sharedEdges = jsc.broadcast(edges);
    List<Integer> runs = new ArrayList<>();
    for (int r = 0; r < cohort.runs().size(); r++) {
      runs.add(r);
    }
    int[] zero = new int[edges[0].length];
    int[] together = jsc.parallelize(runs, Math.min(runs.size(), 10_000))
        .map(r -> votes(shared.value(), shared.value().runs().get(r), sharedEdges.value(), k))
        .treeAggregate(zero, NcutClustering::sum, NcutClustering::sum);
    shared.destroy();
    sharedEdges.destroy();
    return groupCut(graph, edges, together, runs.size(), k);
  }

  private GridGraph neighbourGraph(CohortFeatures cohort) {
    GridGraph six = cohort.graph();
    return connectivity == 6 ? six : GridGraph.of(six.shape(), six.mask(), connectivity);
  }

  /** One run's cut: 1 for each edge whose voxels it keeps together. */
  private int[] votes(CohortFeatures cohort, CohortFeatures.RunColumns run, int[][] edges,
      int k) {
    double[] weights = RunSimilarity.weights(cohort.features(), cohort.width(), run.from(),
        run.count(), edges, threshold);
    int n = cohort.graph().size();
    int[] labels = NormalisedCut.cut(n, edges[0], edges[1], weights, k, seed).labels();
    int[] together = new int[edges[0].length];
    for (int e = 0; e < together.length; e++) {
      together[e] = labels[edges[0][e]] == labels[edges[1][e]] ? 1 : 0;
    }
    return together;
  }

  private GroupCut groupCut(GridGraph graph, int[][] edges, int[] together, int runs, int k) {
    double[] weights = new double[together.length];
    for (int e = 0; e < weights.length; e++) {
      weights[e] = together[e] / (double) runs;
    }
    NormalisedCut.Cut cut = NormalisedCut.cut(graph.size(), edges[0], edges[1], weights, k,
        seed);
    return new GroupCut(graph, edges, weights, cut);
  }

  private static void add(int[] total, int[] part) {
    for (int e = 0; e < total.length; e++) {
      total[e] += part[e];
    }
  }

  private static int[] sum(int[] a, int[] b) {
    int[] s = a.clone();
    add(s, b);
    return s;
  }
}
