package org.sparkconnectome.dwi;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The structural connectomes of one subject's tractogram, one per atlas.
 *
 * @param connectomes in the order the atlases were given
 */
public record StructuralRunResult(List<StructuralConnectome> connectomes) implements Serializable {

  public StructuralRunResult {
    connectomes = List.copyOf(connectomes);
  }

  /** The connectome of the atlas named {@code atlas}. */
  public StructuralConnectome forAtlas(String atlas) {
    for (StructuralConnectome c : connectomes) {
      if (c.atlas().equals(atlas)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no connectome for atlas '" + atlas + "'");
  }

  /** All warnings of all atlases. */
  public List<String> warnings() {
    List<String> all = new ArrayList<>();
    connectomes.forEach(c -> all.addAll(c.warnings()));
    return all;
  }
}
