package org.sparkconnectome.formats.cifti;

import java.util.List;
import java.util.Optional;

/**
 * One map of a label axis: its name and label table, keys in the order of the file.
 *
 * @param name the {@code MapName}
 * @param labels the {@code LabelTable}
 */
public record LabelMap(String name, List<Label> labels) {

  public LabelMap {
    labels = List.copyOf(labels);
  }

  /** The label with this key, if the table has one. */
  public Optional<Label> label(int key) {
    return labels.stream().filter(l -> l.key() == key).findFirst();
  }
}
