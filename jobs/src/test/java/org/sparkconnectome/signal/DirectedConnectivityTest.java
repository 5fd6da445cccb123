package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lagged correlation and Granger F tests against statsmodels' grangercausalitytests and
 * VAR.test_causality on one stretch, and against the segment rule built by hand (statsmodels
 * OLS) on a censored run (data-samples/reference/signal/directed.json, made by
 * generators/directed_connectivity.py).
 */
class DirectedConnectivityTest {
  private static final double TOLERANCE = 1e-6;
  private static JsonNode reference;
  private static TimeSeries series;

  @BeforeAll
  static void load() throws IOException {
    reference = SignalReference.load("directed.json");
    series = SignalReference.series(reference.get("series"));
  }

  @Test
  void pairwiseGrangerMatchesStatsmodelsOnOneStretch() {
    for (int p = 1; p <= 2; p++) {
      GrangerCausality g = GrangerCausality.pairwise(series,
          Segments.single(series.timepoints()), p);
      assertMatrix(reference.get("single").get("grangerf_" + p), g.f(), "F order " + p);
      assertMatrix(reference.get("single").get("grangerp_" + p), g.p(), "p order " + p);
    }
  }

  @Test
  void conditionalGrangerMatchesStatsmodelsVar() {
    for (int p = 1; p <= 2; p++) {
      GrangerCausality g = GrangerCausality.conditional(series,
          Segments.single(series.timepoints()), p);
      assertMatrix(reference.get("single").get("conditionalgrangerf_" + p), g.f(),
          "conditional F order " + p);
      assertMatrix(reference.get("single").get("conditionalgrangerp_" + p), g.p(),
          "conditional p order " + p);
    }
  }

  @Test
  void laggedCorrelationMatchesNumpy() {
    LaggedCorrelation lc = LaggedCorrelation.of(series, Segments.single(series.timepoints()),
        reference.get("max_lag").asInt());
    assertMatrix(reference.get("single").get("laggedcorrelation"), lc.peak(), "peak r");
    assertMatrix(reference.get("single").get("laggedcorrelationlag"), lc.lag(), "peak lag");
  }

  @Test
  void censoredVolumesBreakTheLags() {
    JsonNode censored = reference.get("censored");
    boolean[] kept = new boolean[censored.get("kept").size()];
    int count = 0;
    for (int t = 0; t < kept.length; t++) {
      kept[t] = censored.get("kept").get(t).asInt() == 1;
      count += kept[t] ? 1 : 0;
    }
    double[] values = new double[count * series.regions()];
    int row = 0;
    for (int t = 0; t < kept.length; t++) {
      if (kept[t]) {
        for (int r = 0; r < series.regions(); r++) {
          values[row * series.regions() + r] = series.get(t, r);
        }
        row++;
      }
    }
    TimeSeries clean = new TimeSeries(count, series.regions(), values);
    Segments segments = Segments.ofKept(kept);
    assertEquals(4, segments.count());
    for (int p = 1; p <= 2; p++) {
      assertEquals(censored.get("usable_" + p).asInt(), segments.usable(p).length);
      GrangerCausality g = GrangerCausality.pairwise(clean, segments, p);
      assertMatrix(censored.get("grangerf_" + p), g.f(), "censored F order " + p);
      assertMatrix(censored.get("grangerp_" + p), g.p(), "censored p order " + p);
      GrangerCausality c = GrangerCausality.conditional(clean, segments, p);
      assertMatrix(censored.get("conditionalgrangerf_" + p), c.f(), "censored cond F " + p);
      assertMatrix(censored.get("conditionalgrangerp_" + p), c.p(), "censored cond p " + p);
    }
    LaggedCorrelation lc = LaggedCorrelation.of(clean, segments, reference.get("max_lag").asInt());
    assertMatrix(censored.get("laggedcorrelation"), lc.peak(), "censored peak r");
    assertMatrix(censored.get("laggedcorrelationlag"), lc.lag(), "censored peak lag");
  }

  @Test
  void thePlantedInfluenceIsFoundOneWay() {
    GrangerCausality g = GrangerCausality.pairwise(series, Segments.single(series.timepoints()),
        1);
    assertTrue(g.f().get(0, 1) > 50 && g.p().get(0, 1) < 1e-10, "0 -> 1 planted");
    assertTrue(g.p().get(1, 0) > 0.01, "1 -> 0 not planted: p " + g.p().get(1, 0));
  }

  @Test
  void segmentsJoinRunsWithoutSpanningThem() {
    Segments joined = Segments.concatenate(Segments.ofKept(new boolean[] {true, true, false,
        true}), Segments.single(3));
    assertEquals(6, joined.samples());
    assertEquals(3, joined.count());
    assertArrayEquals(new int[] {1, 4, 5}, joined.usable(1));
    assertArrayEquals(new int[] {5}, joined.usable(2));
  }

  @Test
  void tooFewSamplesForTheConditionalTestIsRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GrangerCausality.conditional(series, Segments.single(series.timepoints()), 20));
    assertTrue(e.getMessage().contains("at most half the usable samples"), e.getMessage());
  }

  private static void assertMatrix(JsonNode expected, RegionMatrix actual, String what) {
    int n = actual.size();
    assertEquals(expected.size(), n, what + ": size");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        JsonNode e = expected.get(i).get(j);
        double a = actual.get(i, j);
        if (e.isNull()) {
          assertTrue(Double.isNaN(a), what + " (" + i + "," + j + ") should be n/a, got " + a);
        } else {
          double v = e.asDouble();
          assertEquals(v, a, TOLERANCE * Math.max(1, Math.abs(v)), what + " (" + i + "," + j
              + ")");
        }
      }
    }
  }
}
