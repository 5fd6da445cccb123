package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fusion of modality blocks: the inner join, the dropped subjects and the block scaling. */
class FusedFeaturesTest {

  private static CohortFeatures block(String measure, Map<String, double[]> values) {
    List<FeatureRow> rows = values.entrySet().stream().map(e -> new FeatureRow(e.getKey(),
        null, null, Map.of("group", "g"), e.getValue())).toList();
    return new CohortFeatures("A", measure, List.of("a", "b"), rows, Map.of());
  }

  @Test
  void innerJoinOnSubjectReportsTheDropped() {
    CohortFeatures sc = block("streamlinecount", new java.util.LinkedHashMap<>(Map.of(
        "01", new double[] {1, 10}, "02", new double[] {2, 20}, "03", new double[] {3, 30})));
    CohortFeatures fc = block("pearson", new java.util.LinkedHashMap<>(Map.of(
        "02", new double[] {.5}, "03", new double[] {.7}, "04", new double[] {.1})));
    FusedFeatures f = FusedFeatures.of(List.of("dwi", "fmri"), List.of(sc, fc));
    assertEquals(List.of("02", "03"), f.rows().stream().map(FeatureRow::subject).sorted()
        .toList());
    assertEquals(List.of("01"), f.dropped().get("dwi"));
    assertEquals(List.of("04"), f.dropped().get("fmri"));
    assertEquals(List.of(2, 1), f.widths());
    assertEquals(3, f.rows().get(0).values().length);
  }

  @Test
  void eachBlockIsStandardisedThenWeighsOne() {
    double[][] x = {{1, 5, 7}, {3, 5, 8}, {5, 5, 12}};
    double[][] z = FusedFeatures.standardised(x);
    double scale = Math.sqrt(3);
    // Column 0: mean 3, population sd sqrt(8/3).
    assertEquals((1 - 3) / Math.sqrt(8.0 / 3) / scale, z[0][0], 1e-15);
    assertEquals(0, z[1][0], 1e-15);
    assertEquals(0, z[2][1], 0, "a constant feature is 0");
    double variance = 0;
    for (int k = 0; k < 3; k++) {
      double ss = 0;
      for (double[] row : z) {
        ss += row[k] * row[k];
      }
      variance += ss / 3;
    }
    assertEquals(2.0 / 3, variance, 1e-12, "two non-constant features of three: 2/3");
  }

  @Test
  void oneBlockOrRepeatedSubjectsAreRefused() {
    CohortFeatures sc = block("streamlinecount", Map.of("01", new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> FusedFeatures.of(List.of("dwi"), List.of(sc)));
    CohortFeatures twice = new CohortFeatures("A", "pearson", List.of("a", "b"), List.of(
        new FeatureRow("01", null, "1", Map.of(), new double[] {1}),
        new FeatureRow("01", null, "2", Map.of(), new double[] {2})), Map.of());
    assertThrows(IllegalArgumentException.class,
        () -> FusedFeatures.of(List.of("dwi", "fmri"), List.of(sc, twice)));
  }
}
