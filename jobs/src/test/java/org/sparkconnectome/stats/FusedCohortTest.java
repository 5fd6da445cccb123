package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.config.UserException;

/** Block names as --fusion-blocks gives them, and the fused rows as the jobs' features. */
class FusedCohortTest {

  private static CohortFeatures block(String atlas, String measure, List<String> regions,
      Map<String, double[]> values) {
    List<FeatureRow> rows = values.entrySet().stream().map(e -> new FeatureRow(e.getKey(),
        null, null, Map.of("group", "g"), e.getValue())).toList();
    return new CohortFeatures(atlas, measure, regions, rows, Map.of("no_participants_row", 1));
  }

  @Test
  void blocksAreMeasureAndOptionalAtlasOrBand() {
    assertEquals(new FusionBlock("pearson", "pearson", null), FusionBlock.parse("pearson"));
    assertEquals(new FusionBlock("coherence:alpha", "coherence", "alpha"),
        FusionBlock.parse(" coherence:alpha"));
    assertThrows(UserException.class, () -> FusionBlock.parse("coherence:"));
    assertThrows(UserException.class, () -> FusionBlock.parse(":alpha"));
    assertThrows(UserException.class, () -> FusionBlock.parse("a:b:c"));
  }

  @Test
  void fusedRowsAreFusedFeaturesNamedByBlockAndRegions() {
    CohortFeatures sc = block("A", "streamlinecount", List.of("a", "b", "c"),
        new java.util.LinkedHashMap<>(Map.of("01", new double[] {1, 2, 3}, "02",
            new double[] {2, 2, 5}, "03", new double[] {4, 2, 1})));
    CohortFeatures eeg = block("alpha", "coherence", List.of("Fz", "Cz"),
        new java.util.LinkedHashMap<>(Map.of("02", new double[] {.5}, "03",
            new double[] {.7})));
    List<FusionBlock> specs = List.of(FusionBlock.parse("streamlinecount"),
        FusionBlock.parse("coherence:alpha"));
    FusedCohort cohort = FusedCohort.of(specs, List.of(sc, eeg));
    FusedFeatures expected = FusedFeatures.of(List.of("streamlinecount", "coherence:alpha"),
        List.of(sc, eeg));
    CohortFeatures f = cohort.features();
    assertEquals(4, f.edges());
    assertEquals(expected.rows().size(), f.rows().size());
    for (int r = 0; r < f.rows().size(); r++) {
      assertArrayEquals(expected.rows().get(r).values(), f.rows().get(r).values(), 0.0);
    }
    assertArrayEquals(new String[] {"streamlinecount:a", "streamlinecount:c"},
        f.edgeRegions(1));
    assertArrayEquals(new String[] {"coherence:alpha:Fz", "coherence:alpha:Cz"},
        f.edgeRegions(3));
    assertEquals(Map.of("streamlinecount:no_participants_row", 1,
        "streamlinecount:not_in_every_block", 1, "coherence:alpha:no_participants_row", 1),
        f.excluded());
    assertEquals(f.edgeNames(), f.perSubject().edgeNames(), "per subject keeps the names");
    Map<String, Object> described = cohort.describe();
    assertEquals(4, described.get("n_features"));
    assertEquals(2, described.get("n_subjects_fused"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> blocks = (List<Map<String, Object>>) described.get(
        "fusion_blocks");
    assertEquals(List.of("01"), blocks.get(0).get("dropped"));
    assertEquals(3, blocks.get(0).get("n_features"));
    assertEquals("alpha", blocks.get(1).get("atlas"));
    assertNull(sc.edgeNames(), "one measure's edges need no names");
  }

  @Test
  void noCommonSubjectIsRefused() {
    CohortFeatures a = block("A", "pearson", List.of("a", "b"),
        Map.of("01", new double[] {1}));
    CohortFeatures b = block("A", "streamlinecount", List.of("a", "b"),
        Map.of("02", new double[] {1}));
    List<FusionBlock> specs = List.of(FusionBlock.parse("pearson"),
        FusionBlock.parse("streamlinecount"));
    assertThrows(UserException.class, () -> FusedCohort.of(specs, List.of(a, b)));
  }
}
