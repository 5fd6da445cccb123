package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.signal.FramewiseDisplacement;
import org.sparkconnectome.signal.MotionFilter;
import org.sparkconnectome.signal.PearsonCorrelation;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.testing.TestData;
import org.sparkconnectome.signal.SignalReference;

/**
 * Each built-in strategy, with and without XCP-D's motion filters, on a sample run against
 * numpy/scipy ({@code data-samples/reference/signal/denoise_strategies.json}, made by
 * {@code generators/denoise_strategies.py}): the same censored volumes, and Pearson matrices
 * within 1e-6.
 */
class DenoiseStrategiesReferenceTest {
  private static JsonNode ref;
  private static TimeSeries series;
  private static ConfoundTables tables;
  private static double tr;

  @BeforeAll
  static void load() throws IOException {
    ref = new ObjectMapper().readTree(TestData.referenceFile("signal",
        "denoise_strategies.json").toFile());
    series = SignalReference.series(ref.get("region_series"));
    tr = ref.get("repetition_time").asDouble();
    Map<String, ConfoundsTable> byDesc = new LinkedHashMap<>();
    byDesc.put(ConfoundTables.FMRIPREP, ConfoundsTable.read(new LocalDataSource(
        TestData.projectRoot().resolve(ref.get("confounds").asText()))));
    byDesc.put("aroma", ConfoundsTable.read(new LocalDataSource(
        TestData.projectRoot().resolve(ref.get("aroma_confounds").asText()))));
    tables = ConfoundTables.of(byDesc, "in the reference");
  }

  @TestFactory
  List<DynamicTest> everyStrategyAndFilterMatchesNumpy() {
    List<DynamicTest> tests = new ArrayList<>();
    ref.get("expected").properties().forEach(byFilter -> byFilter.getValue().properties()
        .forEach(byStrategy -> tests.add(DynamicTest.dynamicTest(byStrategy.getKey()
            + " with motion filter " + byFilter.getKey(),
            () -> check(byFilter.getKey(), byStrategy.getKey(), byStrategy.getValue())))));
    assertEquals(30, tests.size(), "10 strategies x 3 filters");
    return tests;
  }

  private static void check(String filter, String strategy, JsonNode expected) throws Exception {
    PipelineConfig config = PipelineConfig.defaults()
        .withAssignment("fmri.denoise=" + strategy)
        .withAssignment("fmri.bandpass=off")
        .withAssignment("fmri.min_clean_seconds=0")
        .withAssignment("fmri.dummy_scans=auto")
        .withAssignment("fmri.detrend=linear")
        .withAssignment("fmri.fd_threshold=" + ref.get("fd_threshold").asText());
    if (!filter.equals("none")) {
      JsonNode f = ref.get("filters").get(filter);
      config = config.withAssignment("fmri.motion_filter_type=" + f.get("type").asText())
          .withAssignment("fmri.band_stop_min=" + f.get("band_stop_min").asText())
          .withAssignment("fmri.band_stop_max=" + (f.get("band_stop_max").isNull() ? ""
              : f.get("band_stop_max").asText()))
          .withAssignment("fmri.motion_filter_order=" + f.get("order").asText());
    }
    FunctionalSettings settings = FunctionalSettings.from(config);
    RunDenoising denoising = RunDenoising.prepare(settings, tr, series.timepoints(), tables);
    assertEquals(expected.get("columns").asInt(), denoising.confoundColumns().size(),
        "columns regressed: " + denoising.confoundColumns());
    int[] censored = new int[expected.get("censored").size()];
    for (int i = 0; i < censored.length; i++) {
      censored[i] = expected.get("censored").get(i).asInt();
    }
    assertArrayEquals(censored, denoising.censored(), "censored volumes");
    RegionMatrix pearson = PearsonCorrelation.of(denoising.clean(
        dropLeading(series, denoising.dummyScans())));
    JsonNode upper = expected.get("pearson_upper");
    int n = pearson.size();
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        assertEquals(upper.get(k++).asDouble(), pearson.get(i, j), 1e-6,
            strategy + "/" + filter + " pearson[" + i + "][" + j + "]");
      }
    }
    assertEquals(upper.size(), k);
  }

  @Test
  void motionFiltersMatchXcpdFilterMotionAndFdOfTheFilteredParameters() throws Exception {
    List<String> names = new ArrayList<>();
    ref.get("motion_parameters").forEach(n -> names.add(n.asText()));
    double[][] columns = new double[names.size()][];
    for (int c = 0; c < names.size(); c++) {
      columns[c] = tables.fmriprep().column(names.get(c));
    }
    TimeSeries motion = TimeSeries.ofColumns(series.timepoints(), columns);
    int checked = 0;
    for (Map.Entry<String, JsonNode> e : ref.get("motion_filters").properties()) {
      JsonNode f = e.getValue().get("filter");
      MotionFilter filter = new MotionFilter(f.get("type").asText(),
          f.get("band_stop_min").asDouble(), f.get("band_stop_max").isNull() ? Double.NaN
              : f.get("band_stop_max").asDouble(), f.get("order").asInt());
      TimeSeries filtered = filter.apply(motion, tr);
      if (e.getValue().has("filtered_motion")) {
        TimeSeries expected = SignalReference.series(e.getValue().get("filtered_motion"));
        for (int i = 0; i < expected.values().length; i++) {
          assertEquals(expected.values()[i], filtered.values()[i],
              1e-9 * Math.max(1e-3, Math.abs(expected.values()[i])), e.getKey() + " at " + i);
        }
      }
      double[] fd = FramewiseDisplacement.of(filtered, 50.0);
      JsonNode expectedFd = e.getValue().get("framewise_displacement");
      for (int t = 0; t < fd.length; t++) {
        assertEquals(expectedFd.get(t).asDouble(), fd[t], 1e-9, e.getKey() + " FD at " + t);
      }
      if (e.getKey().endsWith("folded")) {
        assertTrue(filter.warnings(tr).get(0).contains("folded"), filter.warnings(tr).get(0));
      }
      checked++;
    }
    assertEquals(4, checked, "lp, notch and both folded at Nyquist");
  }

  private static TimeSeries dropLeading(TimeSeries s, int count) {
    int t = s.timepoints() - count;
    double[] values = new double[t * s.regions()];
    System.arraycopy(s.values(), count * s.regions(), values, 0, values.length);
    return new TimeSeries(t, s.regions(), values);
  }
}
