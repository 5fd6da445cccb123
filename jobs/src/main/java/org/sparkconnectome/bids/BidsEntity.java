package org.sparkconnectome.bids;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The BIDS filename entities in the order the specification requires them. */
public final class BidsEntity {
  private BidsEntity() {
  }

  /** Entity keys in specification order (BIDS 1.9 appendix "Entity table"). */
  public static final List<String> ORDER = List.of(
      "sub", "ses", "sample", "task", "tracksys", "acq", "nuc", "voi", "ce", "trc", "stain", "rec",
      "dir", "run", "mod", "echo", "flip", "inv", "mt", "part", "proc", "hemi", "space", "split",
      "recording", "chunk", "seg", "res", "den", "label", "model", "param", "atlas", "roi", "from",
      "to", "mode", "hemi", "subset", "desc");

  private static final Map<String, Integer> RANK = new HashMap<>();

  static {
    for (int i = 0; i < ORDER.size(); i++) {
      RANK.putIfAbsent(ORDER.get(i), i);
    }
  }

  /** Position of the key in the specification order, or -1 for an unknown key. */
  public static int rank(String key) {
    return RANK.getOrDefault(key, -1);
  }
}
