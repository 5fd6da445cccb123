package org.sparkconnectome.formats.cifti;

import java.util.List;

/**
 * Named maps without label tables ({@code CIFTI_INDEX_TYPE_SCALARS}), as in a dscalar file.
 *
 * @param names one {@code MapName} per index
 */
public record ScalarAxis(List<String> names) implements CiftiAxis {

  public ScalarAxis {
    names = List.copyOf(names);
  }

  @Override
  public String kind() {
    return "scalars";
  }

  @Override
  public int length() {
    return names.size();
  }
}
