package org.sparkconnectome.stats;

import org.sparkconnectome.config.UserException;

/**
 * One block of fused features, as {@code --fusion-blocks} names it: {@code MEASURE[:ATLAS]},
 * the measure and atlas columns of the connectome table. An EEG block's atlas is its band (the
 * EEG stage writes the band in the atlas column), e.g. {@code coherence:alpha}.
 *
 * @param name the block as given, which names it in the outputs
 * @param atlas the atlas (or band), null: {@code --atlas}, else the measure's only atlas
 */
public record FusionBlock(String name, String measure, String atlas) {

  /** Parses {@code MEASURE[:ATLAS]}. */
  public static FusionBlock parse(String text) {
    String t = text.trim();
    int colon = t.indexOf(':');
    String measure = colon < 0 ? t : t.substring(0, colon);
    String atlas = colon < 0 ? null : t.substring(colon + 1);
    if (measure.isEmpty() || atlas != null && (atlas.isEmpty() || atlas.contains(":"))) {
      throw new UserException("--fusion-blocks: '" + text + "' is not MEASURE or "
          + "MEASURE:ATLAS (an EEG block's atlas is its band, e.g. coherence:alpha)");
    }
    return new FusionBlock(t, measure, atlas);
  }
}
