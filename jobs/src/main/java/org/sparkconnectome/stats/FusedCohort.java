package org.sparkconnectome.stats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;

/**
 * The fused features of {@code stats classify|cluster --features fusion}: each block loaded from
 * the connectome table by {@link FeatureLoader} and averaged per subject, then joined and
 * scaled by {@link FusedFeatures}, and the fused rows as the {@link CohortFeatures} the jobs take
 * (a feature named by its block and its two regions).
 *
 * @param specs the blocks as given
 * @param blocks each block as loaded, per subject, in the order given
 * @param fused the fusion of the blocks
 * @param features the fused rows, one per subject
 */
public record FusedCohort(List<FusionBlock> specs, List<CohortFeatures> blocks,
    FusedFeatures fused, CohortFeatures features) {

  /**
   * Loads and fuses the blocks.
   *
   * @param defaultAtlas the atlas of blocks that name none, or null for the measure's only one
   * @param required participants columns a subject must have in every block
   */
  public static FusedCohort load(SparkSession spark, String tables, List<FusionBlock> specs,
      String defaultAtlas, boolean fisherZ, List<String> required) throws IOException {
    if (specs.size() < 2) {
      throw new UserException("--features fusion needs two or more blocks in --fusion-blocks "
          + "(e.g. streamlinecount,pearson), got " + specs.size());
    }
    if (new LinkedHashSet<>(specs.stream().map(FusionBlock::name).toList()).size()
        != specs.size()) {
      throw new UserException("--fusion-blocks names a block twice: " + specs.stream()
          .map(FusionBlock::name).toList());
    }
    List<CohortFeatures> blocks = new ArrayList<>();
    for (FusionBlock spec : specs) {
      String atlas = spec.atlas() != null ? spec.atlas() : defaultAtlas;
      blocks.add(FeatureLoader.load(spark, tables, atlas, spec.measure(), fisherZ, required)
          .perSubject());
    }
    return of(specs, blocks);
  }

  /** Fuses blocks already loaded per subject. */
  public static FusedCohort of(List<FusionBlock> specs, List<CohortFeatures> blocks) {
    List<String> names = specs.stream().map(FusionBlock::name).toList();
    FusedFeatures fused = FusedFeatures.of(names, blocks);
    if (fused.rows().isEmpty()) {
      throw new UserException("--features fusion: no subject has all of the blocks " + names
          + " (subjects per block: " + blocks.stream().map(b -> b.rows().size()).toList() + ")");
    }
    List<List<String>> edgeNames = new ArrayList<>();
    Map<String, Integer> excluded = new TreeMap<>();
    for (int b = 0; b < blocks.size(); b++) {
      CohortFeatures block = blocks.get(b);
      String name = names.get(b);
      for (int k = 0; k < block.edges(); k++) {
        String[] pair = block.edgeRegions(k);
        edgeNames.add(List.of(name + ":" + pair[0], name + ":" + pair[1]));
      }
      block.excluded().forEach((reason, count) -> excluded.put(name + ":" + reason, count));
      int gone = fused.dropped().get(name).size();
      if (gone > 0) {
        excluded.put(name + ":not_in_every_block", gone);
      }
    }
    CohortFeatures features = new CohortFeatures("fusion", "fusion", List.of(), fused.rows(),
        excluded, List.copyOf(edgeNames));
    return new FusedCohort(List.copyOf(specs), List.copyOf(blocks), fused, features);
  }

  /** What the output JSON says of the fusion: per block its source, feature count, drops. */
  public Map<String, Object> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      CohortFeatures block = blocks.get(b);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("block", specs.get(b).name());
      m.put("measure", block.measure());
      m.put("atlas", block.atlas());
      m.put("n_regions", block.regions().size());
      m.put("n_features", fused.widths().get(b));
      m.put("n_subjects_loaded", block.rows().size());
      m.put("dropped", fused.dropped().get(specs.get(b).name()));
      m.put("excluded", block.excluded());
      out.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("features", "fusion");
    m.put("fusion_blocks", out);
    m.put("n_features", features.edges());
    m.put("n_subjects_fused", fused.rows().size());
    m.put("fusion_scaling", "per block: each feature z-scored over the fused subjects "
        + "(population SD), then divided by sqrt(block features); blocks joined on subject "
        + "(inner join), runs and sessions averaged per subject first");
    return m;
  }
}
