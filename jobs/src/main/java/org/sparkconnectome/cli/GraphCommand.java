package org.sparkconnectome.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.GraphAnalysis;
import org.sparkconnectome.graph.GraphMetrics;
import org.sparkconnectome.graph.MetricOptions;
import org.sparkconnectome.graph.SignedMetrics;
import org.sparkconnectome.graph.ThresholdPolicy;
import org.sparkconnectome.graph.io.GraphMetricsOutput;
import org.sparkconnectome.graph.io.PartitionTsv;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.DataSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.config.SoftwareVersion;

/** {@code connectome graph}: network metrics of one connectome (relmat TSV) as TSV and JSON. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
        "Compute per-node and whole-graph network metrics of one connectome given as an XCP-D "
            + "relmat TSV: writes OUT/nodes.tsv and OUT/graph.json.",
        "Conventions as networkx: undirected; distance = 1/weight; Onnela clustering on weights "
            + "scaled by the largest; PageRank damping 0.85 on weights; betweenness "
            + "unnormalised, each pair once; local efficiency unweighted (networkx)."
    })
final class GraphCommand implements Callable<Integer> {
  private static final String CONVENTIONS = "undirected; distance = 1/weight; clustering = "
      + "Onnela on weights / max weight; pagerank = networkx alpha 0.85 on weights, iterated to "
      + "its fixed point; betweenness = networkx unnormalised on distances, each unordered pair "
      + "once; char_path_length = mean finite off-diagonal distance; global_efficiency = mean "
      + "1/distance over off-diagonal pairs; local_efficiency = networkx (unweighted); "
      + "participation = BCT on weights over 'community'; assortativity = networkx degree "
      + "assortativity on the binarised graph; rich_club = networkx unnormalised, binarised; "
      + "small_worldness = (C/C_rand)/(L/L_rand), weighted C and L, degree-preserving swaps";

  @Option(names = "--relmat", required = true, paramLabel = "FILE",
      description = "Connectivity matrix, XCP-D relmat TSV (path or URI).")
  private String relmat;

  @Option(names = "--partition", paramLabel = "TSV",
      description = "Node partition: columns node (or name) and community (or network), "
          + "matched by region name.")
  private String partition;

  @Option(names = "--threshold", paramLabel = "none|abs:VALUE|prop:FRACTION",
      defaultValue = "none",
      description = "Keep edges with |w| >= VALUE, or the strongest FRACTION of all possible "
          + "edges (BCT threshold_proportional). Default: ${DEFAULT-VALUE}.")
  private String threshold;

  @Option(names = "--negative", paramLabel = "drop|abs|separate", defaultValue = "drop",
      description = "Negative weights: drop them, use |w|, or report the negative graph "
          + "separately (negative_* columns, 'negative' block). Default: ${DEFAULT-VALUE}.")
  private String negative;

  @Option(names = "--seed", defaultValue = "0",
      description = "Seed of Louvain runs and null graphs. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @Option(names = "--louvain-runs", defaultValue = "10",
      description = "Louvain runs (seeds seed, seed+1, ...); the best modularity is kept. "
          + "Default: ${DEFAULT-VALUE}.")
  private int louvainRuns;

  @Option(names = "--null-graphs", defaultValue = "10",
      description = "Degree-preserving random graphs for small-worldness; 0 skips it. "
          + "Default: ${DEFAULT-VALUE}.")
  private int nullGraphs;

  @Option(names = "--swaps-per-edge", defaultValue = "10",
      description = "Double-edge swaps per edge in each null graph. Default: ${DEFAULT-VALUE}.")
  private int swapsPerEdge;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Output directory (local), created when missing.")
  private Path out;

  @Override
  public Integer call() throws IOException {
    ThresholdPolicy policy;
    MetricOptions options;
    try {
      policy = ThresholdPolicy.parse(negative, threshold);
      options = new MetricOptions(seed, louvainRuns, nullGraphs, swapsPerEdge);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    Connectome connectome = readRelmat();
    PartitionTsv.Partition groups = partition == null ? null : readPartition(connectome);
    GraphAnalysis analysis = new GraphMetrics(options).analyse(connectome, policy,
        groups == null ? null : groups.membership());
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserException(out + ": exists and is not a directory");
    }
    Files.createDirectories(out);
    try (Writer w = Files.newBufferedWriter(out.resolve("nodes.tsv"), StandardCharsets.UTF_8)) {
      GraphMetricsOutput.writeNodes(analysis, groups == null ? null : groups.labels(), w);
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(out.resolve("graph.json").toFile(), graphJson(analysis));
    return ConnectomeCli.EXIT_OK;
  }

  private Connectome readRelmat() throws IOException {
    try (Reader reader = open(relmat)) {
      return RelmatTsv.read(reader, relmat);
    } catch (IllegalArgumentException e) {
      throw new UserException(relmat + ": " + e.getMessage(), e);
    }
  }

  private PartitionTsv.Partition readPartition(Connectome connectome) throws IOException {
    try (Reader reader = open(partition)) {
      return PartitionTsv.read(reader, partition, connectome.names());
    }
  }

  private static Reader open(String file) throws IOException {
    DataSource source = DataSources.open(file);
    if (!source.exists()) {
      throw new UserException(file + ": no such file");
    }
    return new InputStreamReader(source.openStream(), StandardCharsets.UTF_8);
  }

  private Map<String, Object> graphJson(GraphAnalysis analysis) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("relmat", relmat);
    json.put("partition", partition);
    json.putAll(GraphMetricsOutput.globals(analysis.primary(), analysis));
    json.put("threshold_policy", analysis.policy().describe());
    Map<String, Object> louvain = new LinkedHashMap<>();
    louvain.put("runs", analysis.options().louvainRuns());
    louvain.put("seed", analysis.options().seed());
    louvain.put("resolution", 1.0);
    json.put("louvain", louvain);
    for (SignedMetrics part : analysis.parts().subList(1, analysis.parts().size())) {
      json.put(part.sign().name().toLowerCase(Locale.ROOT),
          GraphMetricsOutput.globals(part, analysis));
    }
    json.put("conventions", CONVENTIONS);
    json.put("software_version", SoftwareVersion.current());
    return json;
  }
}
