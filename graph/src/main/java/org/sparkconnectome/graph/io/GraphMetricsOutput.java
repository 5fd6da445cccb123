package org.sparkconnectome.graph.io;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.graph.GlobalMetrics;
import org.sparkconnectome.graph.GraphAnalysis;
import org.sparkconnectome.graph.NodeMetrics;
import org.sparkconnectome.graph.SignedMetrics;
import org.sparkconnectome.graph.metrics.SmallWorld;
import org.sparkconnectome.graph.ThresholdPolicy;

/**
 * The file forms of a graph analysis, shared by {@code connectome graph} and the pipeline: the
 * node table ({@code nodes.tsv}) and the global metrics as an ordered map for JSON.
 */
public final class GraphMetricsOutput {
  private GraphMetricsOutput() {
  }

  /** Node columns after {@code node}, repeated with a {@code negative_} prefix when separate. */
  public static final List<String> NODE_COLUMNS = List.of("degree", "strength", "clustering",
      "pagerank", "betweenness", "participation", "local_efficiency", "community",
      "louvain_community");

  /**
   * Writes the node table.
   *
   * @param communityLabels names of the partition's communities (its index -> label), or null to
   *     write community indices
   */
  public static void writeNodes(GraphAnalysis analysis, List<String> communityLabels, Writer w)
      throws IOException {
    List<String> header = new ArrayList<>(List.of("node"));
    for (SignedMetrics part : analysis.parts()) {
      for (String column : NODE_COLUMNS) {
        header.add(prefix(part) + column);
      }
    }
    NodeMetrics first = analysis.primary().nodes();
    w.write(String.join("\t", header) + "\n");
    for (int i = 0; i < first.size(); i++) {
      StringBuilder line = new StringBuilder(first.names().get(i));
      for (SignedMetrics part : analysis.parts()) {
        NodeMetrics nodes = part.nodes();
        line.append('\t').append(nodes.degree()[i]);
        for (double v : new double[] {nodes.strength()[i], nodes.clustering()[i],
            nodes.pagerank()[i], nodes.betweenness()[i], nodes.participation()[i],
            nodes.localEfficiency()[i]}) {
          line.append('\t').append(number(v));
        }
        String community = communityLabels == null ? Integer.toString(nodes.community()[i])
            : communityLabels.get(nodes.community()[i]);
        line.append('\t').append(community);
        line.append('\t').append(nodes.louvainCommunity()[i]);
      }
      w.write(line.append('\n').toString());
    }
  }

  /** The global metrics of one signed part, NaN as null (JSON has no NaN). */
  public static Map<String, Object> globals(SignedMetrics part, GraphAnalysis analysis) {
    GlobalMetrics g = part.global();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("graph", part.sign().name().toLowerCase(Locale.ROOT));
    m.put("n_nodes", g.nodes());
    m.put("n_edges", g.edges());
    m.put("total_weight", finite(g.totalWeight()));
    m.put("density", finite(g.density()));
    m.put("char_path_length", finite(g.charPathLength()));
    m.put("global_efficiency", finite(g.globalEfficiency()));
    m.put("local_efficiency", finite(g.meanLocalEfficiency()));
    m.put("mean_clustering", finite(g.meanClustering()));
    m.put("modularity", finite(g.modularity()));
    m.put("louvain_modularity", finite(g.louvainModularity()));
    m.put("louvain_communities", g.louvainCommunities());
    m.put("components", g.components());
    m.put("assortativity", finite(g.degreeAssortativity()));
    m.put("strength_assortativity", finite(g.strengthAssortativity()));
    m.put("rich_club", g.richClub());
    SmallWorld.Result sw = g.smallWorldness();
    m.put("small_worldness", finite(sw.sigma()));
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("clustering", finite(sw.clustering()));
    detail.put("path_length", finite(sw.pathLength()));
    detail.put("random_clustering", finite(sw.randomClustering()));
    detail.put("random_path_length", finite(sw.randomPathLength()));
    detail.put("null_graphs", sw.nullGraphs());
    detail.put("swaps_per_edge", analysis.options().swapsPerEdge());
    detail.put("seed", analysis.options().seed());
    m.put("small_world", detail);
    return m;
  }

  /** Column prefix of a signed part: {@code negative_} for the negative graph. */
  public static String prefix(SignedMetrics part) {
    return part.sign() == ThresholdPolicy.Sign.NEGATIVE ? "negative_" : "";
  }

  /** A JSON-safe number: null for NaN and infinities. */
  public static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : RelmatTsv.MISSING;
  }
}
