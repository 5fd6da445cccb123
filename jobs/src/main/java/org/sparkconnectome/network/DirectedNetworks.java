package org.sparkconnectome.network;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.sparkconnectome.graph.ThresholdPolicy;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.graph.metrics.DirectedMetrics;
import org.sparkconnectome.io.OutputFiles;

/**
 * Directed network metrics of one run's directed matrix, inside a Spark task (docs/directed.md
 * "Network metrics"): in/out degree, in/out strength and weighted PageRank of each digraph that
 * {@link DirectedWeights} makes from it; the rows for {@code tables/directed_node_metrics} and
 * the node TSV written beside the relmat ({@code ..._stat-grangerf_nodes.tsv}).
 */
final class DirectedNetworks implements Serializable {
  private static final long serialVersionUID = 1L;
  /** PageRank's damping, as on the undirected graphs (DESIGN.md's graph conventions). */
  static final double DAMPING = 0.85;
  private static final List<String> COLUMNS = List.of("in_degree", "out_degree", "in_strength",
      "out_strength", "pagerank");

  private final ThresholdPolicy policy;
  private final String outRoot;

  DirectedNetworks(ThresholdPolicy policy, String outRoot) {
    this.policy = policy;
    this.outRoot = outRoot;
  }

  /** The node rows of one directed table row; writes its node TSV. */
  List<Row> analyse(Row directed, Configuration conf) throws IOException {
    String atlas = directed.getAs("atlas");
    String measure = directed.getAs("measure");
    List<String> regions = directed.getList(directed.fieldIndex("regions"));
    List<Double> values = directed.getList(directed.fieldIndex("values"));
    int n = regions.size();
    if (values.size() != (long) n * n) {
      throw new IllegalArgumentException(atlas + " " + measure + " of " + directed.getAs("source")
          + ": " + values.size() + " values for " + n + " regions, expected " + n * n);
    }
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = values.get(i * n + j);
      }
    }
    List<DirectedWeights.Part> parts = DirectedWeights.apply(m, policy);
    List<DirectedMetrics> metrics = new ArrayList<>();
    Object[] key = new Object[9];
    for (int i = 0; i < 6; i++) {
      key[i] = directed.get(i);
    }
    key[6] = atlas;
    key[7] = measure;
    List<Row> rows = new ArrayList<>();
    for (DirectedWeights.Part part : parts) {
      DirectedMetrics d = DirectedMetrics.of(part.weights(), DAMPING);
      metrics.add(d);
      key[8] = part.sign().name().toLowerCase(Locale.ROOT);
      for (int i = 0; i < n; i++) {
        rows.add(SubjectNetworks.row(key, regions.get(i), d.inDegree()[i], d.outDegree()[i],
            d.inStrength()[i], d.outStrength()[i], d.pageRank()[i], directed.getAs("source")));
      }
    }
    String relmat = SubjectNetworks.relmatOf(directed, atlas, measure);
    String stem = relmat.substring(0, relmat.length() - "_relmat.tsv".length());
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot,
        stem + "_nodes.tsv"))) {
      writeNodes(regions, parts, metrics, w);
    }
    return rows;
  }

  /** The node TSV: one row per node, each digraph's columns ({@code negative_} for its own). */
  static void writeNodes(List<String> regions, List<DirectedWeights.Part> parts,
      List<DirectedMetrics> metrics, Writer w) throws IOException {
    List<String> header = new ArrayList<>(List.of("node"));
    for (DirectedWeights.Part part : parts) {
      String prefix = part.sign() == ThresholdPolicy.Sign.NEGATIVE ? "negative_" : "";
      COLUMNS.forEach(c -> header.add(prefix + c));
    }
    w.write(String.join("\t", header) + "\n");
    for (int i = 0; i < regions.size(); i++) {
      StringBuilder line = new StringBuilder(regions.get(i));
      for (DirectedMetrics d : metrics) {
        line.append('\t').append(d.inDegree()[i]).append('\t').append(d.outDegree()[i]);
        for (double v : new double[] {d.inStrength()[i], d.outStrength()[i], d.pageRank()[i]}) {
          line.append('\t').append(Double.isFinite(v) ? Double.toString(v) : RelmatTsv.MISSING);
        }
      }
      w.write(line.append('\n').toString());
    }
  }
}
