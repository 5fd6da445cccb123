package org.sparkconnectome.cli;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.stats.CohortFeatures;
import org.sparkconnectome.stats.FusedCohort;
import org.sparkconnectome.stats.FusionBlock;
import org.sparkconnectome.stats.StatsConfig;
import picocli.CommandLine.Option;

/**
 * {@code --features edges|fusion} and {@code --fusion-blocks}, for the stats commands that take
 * one feature vector per subject (classify, cluster): one atlas and measure's edges, or several
 * blocks of the connectome table fused ({@link FusedCohort}).
 */
final class FusionOptions {
  @Option(names = "--features", paramLabel = "edges|fusion",
      description = "edges: one measure's connectome edges (--measure); fusion: the blocks of "
          + "--fusion-blocks joined on subject, each standardised (default: features.kind).")
  String kind;

  @Option(names = "--fusion-blocks", paramLabel = "MEASURE[:ATLAS],...", split = ",",
      description = "With --features fusion: the blocks, e.g. streamlinecount,pearson or "
          + "pearson,coherence:alpha (an EEG block's atlas is its band); default: "
          + "features.fusion_blocks.")
  List<String> blocks;

  private FusedCohort fused;

  /** Whether the features are fused blocks. */
  boolean fusion(StatsConfig c) {
    String k = kind != null ? kind : c.get("features.kind");
    if (!k.equals("edges") && !k.equals("fusion")) {
      throw new UserException("--features " + k + ": give edges or fusion");
    }
    if (k.equals("edges") && blocks != null) {
      throw new UserException("--fusion-blocks is for --features fusion");
    }
    return k.equals("fusion");
  }

  /** The features: one measure's edges, or the fused blocks. */
  CohortFeatures load(StatsCommand.FeatureOptions features, SparkSession spark, StatsConfig c,
      List<String> required) throws IOException {
    if (!fusion(c)) {
      return features.load(spark, c, required);
    }
    if (features.measure != null) {
      throw new UserException("--measure and --features fusion: name the blocks with "
          + "--fusion-blocks instead");
    }
    List<String> names = blocks != null ? blocks : Arrays.stream(
        c.get("features.fusion_blocks").split(",")).map(String::trim)
        .filter(v -> !v.isEmpty()).toList();
    List<FusionBlock> specs = names.stream().map(FusionBlock::parse).toList();
    String atlas = features.atlas != null ? features.atlas : c.get("features.atlas");
    fused = FusedCohort.load(spark, features.tables, specs,
        atlas == null || atlas.isEmpty() ? null : atlas, c.getBoolean("features.fisher_z"),
        required);
    return fused.features();
  }

  /** The feature part of the output's settings, the blocks listed when fused. */
  Map<String, Object> describe(StatsCommand.FeatureOptions features, CohortFeatures cohort,
      StatsConfig c) {
    Map<String, Object> m = features.describe(cohort, c);
    if (fused != null) {
      m.remove("atlas");
      m.remove("measure");
      m.remove("n_regions");
      m.putAll(fused.describe());
    }
    return m;
  }
}
