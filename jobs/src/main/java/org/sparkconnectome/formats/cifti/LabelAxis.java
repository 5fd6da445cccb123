package org.sparkconnectome.formats.cifti;

import java.util.List;

/**
 * Label maps ({@code CIFTI_INDEX_TYPE_LABELS}), as in a dlabel atlas: each index is one map
 * whose data values are keys of its label table.
 *
 * @param maps one map per index
 */
public record LabelAxis(List<LabelMap> maps) implements CiftiAxis {

  public LabelAxis {
    maps = List.copyOf(maps);
  }

  @Override
  public String kind() {
    return "labels";
  }

  @Override
  public int length() {
    return maps.size();
  }
}
