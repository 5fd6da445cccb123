package org.sparkconnectome.stage;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.kernels.ComputeBackend;

/**
 * What the engine gives a stage for one pipeline run.
 *
 * @param filesRoot where derivative files are written (the staging folder, published later)
 * @param outRoot the output root itself (for tables a stage writes on its own)
 * @param settingsHash this stage's settings hash: its settings section, the graph settings and
 *     the atlases' content; a run computed with another hash is computed again
 * @param atlases every atlas of the pass, label images and dense label files alike
 * @param atlasSpace the template space of the first volume atlas, or null: which runs to pick
 *     when a dataset holds several spaces
 * @param uris BIDS URIs of the input files: how outputs name them (never by absolute path)
 */
public record StageContext(SparkSession spark, PipelineConfig config, List<Atlas> atlases,
    String filesRoot, String outRoot, String settingsHash, ComputeBackend backend,
    String atlasSpace, BidsUris uris) {

  /** The label-image atlases of the pass, in order: what volume stages reduce runs with. */
  public List<Atlas> volumeAtlases() {
    return atlases.stream().filter(Atlas::isVolume).toList();
  }

  /** The CIFTI dense label atlases of the pass, in order. */
  public List<Atlas> grayordinateAtlases() {
    return atlases.stream().filter(a -> !a.isVolume()).toList();
  }
}
