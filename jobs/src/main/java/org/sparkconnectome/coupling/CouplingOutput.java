package org.sparkconnectome.coupling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.stage.DerivativeNames;

/**
 * One pair's files, beside the functional relmat: {@code <entities>_atlas-<A>_stat-sfcoupling
 * _nodes.tsv} (columns {@code node}, {@code coupling}, {@code n_edges}; {@code n/a} where a node
 * has no coupling) and its JSON sidecar (sources, settings, whole-matrix correlations).
 */
final class CouplingOutput {
  /** The {@code stat-} label of the coupling files. */
  static final String STATISTIC = "sfcoupling";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CouplingOutput() {
  }

  /** The TSV's path relative to the output root, for a functional connectome row. */
  static String nodesFile(Row functional) {
    Map<String, String> entities = entities(functional);
    return DerivativeNames.folder(entities, DerivativeNames.datatypeOfSource(
        functional.getAs("source"))) + "/" + DerivativeNames.stem(entities,
        functional.getAs("atlas"), STATISTIC) + "_nodes.tsv";
  }

  static void write(Row pair, List<String> regions, StructureFunctionCoupling.Result result,
      CouplingSettings settings, String filesRoot, Configuration conf) throws IOException {
    String tsv = nodesFile(pair);
    try (Writer w = OutputFiles.createText(conf, OutputFiles.resolve(filesRoot, tsv))) {
      StringBuilder b = new StringBuilder("node\tcoupling\tn_edges\n");
      for (int i = 0; i < regions.size(); i++) {
        double c = result.coupling()[i];
        b.append(regions.get(i)).append('\t').append(Double.isFinite(c) ? Double.toString(c)
            : "n/a").append('\t').append(result.edges()[i]).append('\n');
      }
      w.write(b.toString());
    }
    String atlas = pair.getAs("atlas");
    Map<String, String> functional = entities(pair);
    Map<String, String> structural = BidsName.entitiesOf(pair.getAs("s_source"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Sources", List.of(
        DerivativeNames.relmat(functional, DerivativeNames.datatypeOfSource(
            pair.getAs("source")), atlas, settings.functionalMeasure()),
        DerivativeNames.relmat(structural, DerivativeNames.datatypeOfSource(
            pair.getAs("s_source")), atlas, settings.structuralMeasure())));
    json.put("Description", "Structure-function coupling per node (Baum et al. 2020, PNAS "
        + "117:771): Spearman rank correlation (average ranks for ties) of the node's row of "
        + "the structural matrix with its row of the functional matrix over the other nodes"
        + (settings.structuralEdgesOnly() ? " with a structural connection (SC > 0)" : "")
        + "; pairs with n/a in either matrix left out; n/a with fewer than "
        + StructureFunctionCoupling.MIN_EDGES + " such nodes or a constant profile.");
    json.put("StructuralMeasure", settings.structuralMeasure());
    json.put("FunctionalMeasure", settings.functionalMeasure());
    json.put("StructuralEdgesOnly", settings.structuralEdgesOnly());
    json.put("WholeMatrix", whole(result.wholeR(), result.wholeEdges()));
    json.put("StructuralEdges", whole(result.structuralR(), result.structuralEdges()));
    String sidecar = tsv.substring(0, tsv.length() - ".tsv".length()) + ".json";
    try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(filesRoot,
        sidecar))) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(out, json);
    }
  }

  private static Map<String, Object> whole(double r, int edges) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("SpearmanR", Double.isFinite(r) ? r : null);
    m.put("Edges", edges);
    return m;
  }

  private static Map<String, String> entities(Row connectome) {
    Map<String, String> entities = BidsName.entitiesOf(connectome.getAs("source"));
    if (connectome.isNullAt(connectome.fieldIndex("run"))) {
      // A matrix over several runs (fmri.combine_runs) keeps its first run as source.
      entities.remove("run");
    }
    return entities;
  }
}
