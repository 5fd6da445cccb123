package org.sparkconnectome.fmri;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkconnectome.signal.GrangerCausality;
import org.sparkconnectome.signal.LaggedCorrelation;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.Segments;
import org.sparkconnectome.signal.TimeSeries;

/**
 * The directed per-run measures of {@code fmri.measures} (docs/directed.md): each measure's
 * matrix and its companion (peak lag, p-values), rows = sources, columns = targets. A measure
 * the run's samples cannot support is left out with the reason in the run's warnings; the
 * other measures still stand.
 */
final class DirectedMeasures {
  /** Each directed measure's companion matrix, written beside it. */
  static final Map<String, String> COMPANIONS = Map.of("laggedcorrelation",
      "laggedcorrelationlag", "grangerf", "grangerp", "conditionalgrangerf",
      "conditionalgrangerp");

  private DirectedMeasures() {
  }

  /** Whether {@code key} (a measure or a companion) names a directed matrix. */
  static boolean isDirected(String key) {
    return FunctionalSettings.DIRECTED_MEASURES.contains(key)
        || COMPANIONS.containsValue(key);
  }

  /** The measure a matrix key belongs to: itself, or the measure whose companion it is. */
  static String measureOf(String key) {
    for (Map.Entry<String, String> e : COMPANIONS.entrySet()) {
      if (e.getValue().equals(key)) {
        return e.getKey();
      }
    }
    return key;
  }

  /** The directed matrices asked for, over the clean regions. */
  static Map<String, RegionMatrix> add(FunctionalSettings settings, String atlasName,
      TimeSeries clean, Segments segments, List<String> warnings) {
    Set<String> asked = settings.measures();
    Map<String, RegionMatrix> out = new LinkedHashMap<>();
    try {
      if (asked.contains("laggedcorrelation")) {
        LaggedCorrelation lagged = LaggedCorrelation.of(clean, segments, settings.maxLag());
        out.put("laggedcorrelation", lagged.peak());
        out.put("laggedcorrelationlag", lagged.lag());
      }
    } catch (IllegalArgumentException e) {
      warnings.add("atlas " + atlasName + ": laggedcorrelation not written: " + e.getMessage());
    }
    try {
      if (asked.contains("grangerf")) {
        GrangerCausality g = GrangerCausality.pairwise(clean, segments,
            settings.grangerOrder());
        out.put("grangerf", g.f());
        out.put("grangerp", g.p());
      }
    } catch (IllegalArgumentException e) {
      warnings.add("atlas " + atlasName + ": grangerf not written: " + e.getMessage());
    }
    try {
      if (asked.contains("conditionalgrangerf")) {
        GrangerCausality g = GrangerCausality.conditional(clean, segments,
            settings.grangerOrder());
        out.put("conditionalgrangerf", g.f());
        out.put("conditionalgrangerp", g.p());
      }
    } catch (IllegalArgumentException e) {
      warnings.add("atlas " + atlasName + ": conditionalgrangerf not written: "
          + e.getMessage());
    }
    return out;
  }
}
