package org.sparkconnectome.network;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.stage.DerivativeNames;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.GlobalMetrics;
import org.sparkconnectome.graph.GraphAnalysis;
import org.sparkconnectome.graph.GraphMetrics;
import org.sparkconnectome.graph.NodeMetrics;
import org.sparkconnectome.graph.SignedMetrics;
import org.sparkconnectome.graph.io.GraphMetricsOutput;
import org.sparkconnectome.io.OutputFiles;

/**
 * Network metrics of one run's matrix, inside a Spark task: the node and global rows for the
 * tables, and the node TSV and metrics JSON written beside the relmat
 * ({@code ..._stat-X_nodes.tsv}, {@code ..._stat-X_network.json}).
 */
final class SubjectNetworks implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The rows one matrix contributes. */
  record Rows(List<Row> nodes, List<Row> globals) implements Serializable {
  }

  private final NetworkSettings settings;
  /** Per atlas, the community of each region by its network column (null when none). */
  private final Map<String, int[]> partitions;
  private final Map<String, List<String>> partitionLabels;
  private final String outRoot;

  SubjectNetworks(NetworkSettings settings, Map<String, int[]> partitions,
      Map<String, List<String>> partitionLabels, String outRoot) {
    this.settings = settings;
    this.partitions = partitions;
    this.partitionLabels = partitionLabels;
    this.outRoot = outRoot;
  }

  /** Metrics of one connectome table row; writes its files. */
  Rows analyse(Row connectome, Configuration conf) throws IOException {
    String atlas = connectome.getAs("atlas");
    String measure = connectome.getAs("measure");
    List<String> regions = connectome.getList(connectome.fieldIndex("regions"));
    List<Double> upper = connectome.getList(connectome.fieldIndex("upper"));
    double[] values = new double[upper.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = upper.get(i);
    }
    Connectome matrix = Connectome.fromUpperTriangle(regions, values);
    GraphAnalysis analysis = new GraphMetrics(settings.options()).analyse(matrix,
        settings.policy(), partitions.get(atlas));

    Object[] key = new Object[9];
    for (int i = 0; i < 6; i++) {
      key[i] = connectome.get(i);
    }
    key[6] = atlas;
    key[7] = measure;
    List<Row> nodeRows = new ArrayList<>();
    List<Row> globalRows = new ArrayList<>();
    String policy = JSON.writeValueAsString(settings.policy().describe());
    for (SignedMetrics part : analysis.parts()) {
      key[8] = part.sign().name().toLowerCase(java.util.Locale.ROOT);
      NodeMetrics n = part.nodes();
      for (int i = 0; i < n.size(); i++) {
        nodeRows.add(row(key, n.names().get(i), n.degree()[i], finite(n.strength()[i]),
            finite(n.clustering()[i]), finite(n.pagerank()[i]), finite(n.betweenness()[i]),
            finite(n.participation()[i]), finite(n.localEfficiency()[i]), n.community()[i],
            n.louvainCommunity()[i], connectome.getAs("source")));
      }
      GlobalMetrics g = part.global();
      globalRows.add(row(key, g.nodes(), g.edges(), finite(g.density()),
          finite(g.charPathLength()), finite(g.globalEfficiency()),
          finite(g.meanLocalEfficiency()), finite(g.meanClustering()), finite(g.modularity()),
          finite(g.louvainModularity()), g.components(), finite(g.degreeAssortativity()),
          finite(g.smallWorldness().sigma()), policy, connectome.getAs("source")));
    }
    writeFiles(connectome, analysis, atlas, measure, conf);
    return new Rows(nodeRows, globalRows);
  }

  private void writeFiles(Row connectome, GraphAnalysis analysis, String atlas, String measure,
      Configuration conf) throws IOException {
    String relmat = relmatOf(connectome, atlas, measure);
    String stem = relmat.substring(0, relmat.length() - "_relmat.tsv".length());
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(outRoot,
        stem + "_nodes.tsv"))) {
      GraphMetricsOutput.writeNodes(analysis, partitionLabels.get(atlas), w);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Sources", List.of(relmat));
    json.putAll(GraphMetricsOutput.globals(analysis.primary(), analysis));
    for (SignedMetrics part : analysis.parts().subList(1, analysis.parts().size())) {
      json.put(part.sign().name().toLowerCase(java.util.Locale.ROOT),
          GraphMetricsOutput.globals(part, analysis));
    }
    json.put("threshold_policy", analysis.policy().describe());
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot,
        stem + "_network.json"))) {
      JSON.writeValue(out, json);
    }
  }

  /** The relmat a table row of a run's matrix was written as, relative to the output root. */
  static String relmatOf(Row connectome, String atlas, String measure) {
    Map<String, String> entities = BidsName.entitiesOf(connectome.getAs("source"));
    if (connectome.isNullAt(connectome.fieldIndex("run"))) {
      // A matrix over several runs (fmri.combine_runs) keeps its first run as source.
      entities.remove("run");
    }
    return DerivativeNames.relmat(entities,
        DerivativeNames.datatypeOfSource(connectome.getAs("source")), atlas, measure);
  }

  static Row row(Object[] key, Object... rest) {
    Object[] all = new Object[key.length + rest.length];
    System.arraycopy(key, 0, all, 0, key.length);
    System.arraycopy(rest, 0, all, key.length, rest.length);
    return RowFactory.create(all);
  }

  private static Double finite(double v) {
    return GraphMetricsOutput.finite(v);
  }
}
