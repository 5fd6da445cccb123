package org.sparkconnectome.formats.eeg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Annotations in MNE's order: by onset, then duration, then as read. */
final class EegAnnotations {
  private EegAnnotations() {
  }

  static List<EegAnnotation> sorted(List<EegAnnotation> read) {
    List<EegAnnotation> out = new ArrayList<>(read);
    // List.sort is stable, which gives MNE's third key (the original index).
    out.sort(Comparator.comparingDouble(EegAnnotation::onsetSeconds)
        .thenComparingDouble(EegAnnotation::durationSeconds));
    return List.copyOf(out);
  }
}
