package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.bids.BidsUris;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.smoothing.Smoothers;
import org.sparkconnectome.testing.TestData;

/**
 * The files one sample run gives, read back as a user of XCP-D's outputs would: coverage,
 * motion, outliers, design and QC tables with their columns and values, and the relmat sidecars'
 * BEP017 fields and methods text.
 */
class FunctionalOutputWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FUNC = "sub-01/func/";
  private static final String STEM = "sub-01_task-rest_space-MNI152NLin2009cAsym_atlas-Sample_";
  private static final String QC = FUNC
      + "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-linc_qc.tsv";

  @TempDir
  static Path out;
  private static FunctionalRunResult result;
  private static List<String> written;
  private static double[] confoundsFd;

  @BeforeAll
  static void processAndWrite() throws Exception {
    Path cohort = TestData.sampleCohort();
    Path func = cohort.resolve("sub-01/func");
    String bold = func.resolve(
        "sub-01_task-rest_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz").toString();
    String confounds = func.resolve("sub-01_task-rest_desc-confounds_timeseries.tsv").toString();
    String atlasFile = cohort.resolve("atlas/tpl-MNI152NLin2009cAsym_atlas-Sample_dseg.nii.gz")
        .toString();
    PipelineConfig config = PipelineConfig.defaults();
    FunctionalSettings settings = FunctionalSettings.from(config);
    FunctionalRun run = new FunctionalRun(BidsName.entitiesOf(bold), bold, "sha256:x",
        "sha256:y", Files.size(Path.of(bold)), 2.0, confounds,
        "bids:preprocessed:sub-01/func/" + Path.of(bold).getFileName());
    Atlas atlas = Atlas.load(DataSources.open(atlasFile));
    result = new FunctionalRunProcessor(settings, List.of(atlas),
        Smoothers.create(ComputeBackend.JVM)).process(run, DataSources.open(bold),
            DataSources.open(confounds), List.of());
    written = new FunctionalOutputWriter(new Configuration(), out.toUri().toString(), settings,
        config.section("fmri"), "sha256:settings", new BidsUris(List.of(new BidsUris.Root(
            BidsUris.ROOT, cohort.toString())))).write(result,
            new ArrayList<>(settings.measures()), Map.of("Sample", atlasFile));
    confoundsFd = ConfoundsTable.read(DataSources.open(confounds))
        .column("framewise_displacement");
  }

  @Test
  void namesFollowXcpd() {
    assertTrue(written.containsAll(List.of(FUNC + STEM + "stat-mean_timeseries.tsv",
        FUNC + STEM + "stat-coverage_bold.tsv",
        FUNC + STEM + "stat-pearsoncorrelation_relmat.tsv",
        FUNC + "sub-01_task-rest_motion.tsv",
        FUNC + "sub-01_task-rest_outliers.tsv",
        FUNC + "sub-01_task-rest_desc-preproc_design.tsv",
        QC)), written.toString());
    for (String file : written) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file);
      assertTrue(Files.isRegularFile(out.resolve(file.replace(".tsv", ".json"))), file);
    }
  }

  @Test
  void coverageIsOneRowPerRegionUnderNode() throws IOException {
    List<String[]> rows = rows(FUNC + STEM + "stat-coverage_bold.tsv");
    assertEquals(List.of("Node", "coverage"), List.of(rows.get(0)));
    assertEquals(13, rows.size(), "header + 12 regions");
    JsonNode relmat = sidecar(FUNC + STEM + "stat-pearsoncorrelation_relmat.tsv");
    for (String[] r : rows.subList(1, rows.size())) {
      assertEquals(relmat.at("/RegionCoverage/" + r[0]).asDouble(), Double.parseDouble(r[1]));
    }
    assertEquals(0.5, sidecar(FUNC + STEM + "stat-coverage_bold.tsv").get("MinimumCoverage")
        .asDouble());
  }

  @Test
  void motionHasTheSixParametersAndFdOfTheVolumesAfterTheDummyScans() throws IOException {
    List<String[]> rows = rows(FUNC + "sub-01_task-rest_motion.tsv");
    assertEquals(List.of("rot_x", "rot_y", "rot_z", "trans_x", "trans_y", "trans_z",
        "framewise_displacement"), List.of(rows.get(0)));
    assertEquals(result.volumes() + 1, rows.size());
    assertEquals(1, result.dummyScans());
    for (int t = 0; t < result.volumes(); t++) {
      assertEquals(confoundsFd[t + 1], Double.parseDouble(rows.get(t + 1)[6]), 0, "volume " + t);
    }
    assertEquals("mm", sidecar(FUNC + "sub-01_task-rest_motion.tsv")
        .at("/framewise_displacement/Units").asText());
  }

  @Test
  void outliersMarkEveryCensoredVolumeAndOnlyThose() throws IOException {
    List<String[]> rows = rows(FUNC + "sub-01_task-rest_outliers.tsv");
    assertEquals(List.of("framewise_displacement"), List.of(rows.get(0)));
    assertEquals(result.volumes() + 1, rows.size());
    List<Integer> ones = new ArrayList<>();
    for (int t = 0; t < result.volumes(); t++) {
      String v = rows.get(t + 1)[0];
      assertTrue(v.equals("0") || v.equals("1"), v);
      assertEquals(confoundsFd[t + 1] > 0.5, v.equals("1"), "volume " + t);
      if (v.equals("1")) {
        ones.add(t);
      }
    }
    assertFalse(ones.isEmpty(), "the sample run has censored volumes");
    assertEquals(Arrays.stream(result.censored()).boxed().toList(), ones);
    JsonNode meta = sidecar(FUNC + "sub-01_task-rest_outliers.tsv");
    assertEquals(0.5, meta.get("Threshold").asDouble());
    assertEquals("Outlier volume", meta.at("/framewise_displacement/Levels/1").asText());
  }

  /** The written time series are the residuals of the written design on the kept volumes. */
  @Test
  void designIsWhatWasRegressed() throws IOException {
    List<String[]> design = rows(FUNC + "sub-01_task-rest_desc-preproc_design.tsv");
    List<String> header = List.of(design.get(0));
    assertEquals(List.of("intercept", "linear_trend"), header.subList(0, 2));
    assertEquals(DenoiseStrategy.of("36P", "").sources().get(0).columns(),
        header.subList(2, header.size()));
    assertEquals(result.volumes() + 1, design.size());
    assertEquals(-1.0, Double.parseDouble(design.get(1)[1]));
    assertEquals(1.0, Double.parseDouble(design.get(design.size() - 1)[1]));
    List<String[]> series = rows(FUNC + STEM + "stat-mean_timeseries.tsv");
    boolean[] kept = result.confounds().kept();
    for (int c = 0; c < header.size(); c++) {
      double norm = 0;
      for (int region = 0; region < 12; region++) {
        double dot = 0;
        int k = 0;
        for (int t = 0; t < kept.length; t++) {
          if (kept[t]) {
            double x = Double.parseDouble(design.get(t + 1)[c]);
            double y = Double.parseDouble(series.get(k + 1)[region]);
            dot += x * y;
            norm += x * x;
            k++;
          }
        }
        assertEquals(0, dot / Math.sqrt(norm), 1e-6, header.get(c) + " x region " + region);
      }
    }
    JsonNode meta = sidecar(FUNC + "sub-01_task-rest_desc-preproc_design.tsv");
    assertEquals(0.08, meta.at("/SoftwareFilters/Bandpass filter/Low-pass cutoff (Hz)")
        .asDouble());
  }

  @Test
  void qcHasXcpdColumnsAndValues() throws IOException {
    List<String[]> rows = rows(QC);
    List<String> header = List.of(rows.get(0));
    assertEquals(List.of("sub", "task", "space", "desc"), header.subList(0, 4));
    assertEquals(RunQc.COLUMNS, header.subList(4, header.size()));
    assertEquals(2, rows.size());
    String[] row = rows.get(1);
    assertEquals("01", row[0]);
    double fdSum = 0;
    double keptSum = 0;
    for (int t = 0; t < result.volumes(); t++) {
      fdSum += confoundsFd[t + 1];
      keptSum += result.confounds().kept()[t] ? confoundsFd[t + 1] : 0;
    }
    int censored = result.censored().length;
    assertEquals(fdSum / result.volumes(), value(header, row, "mean_fd"), 1e-12);
    assertEquals(keptSum / (result.volumes() - censored),
        value(header, row, "mean_fd_post_censoring"), 1e-12);
    assertEquals("n/a", row[header.indexOf("mean_relative_rms")], "no rmsd in the sample");
    assertEquals(1, value(header, row, "num_dummy_volumes"));
    assertEquals(censored, value(header, row, "num_censored_volumes"));
    assertEquals(result.volumes() - censored, value(header, row, "num_retained_volumes"));
    assertTrue(value(header, row, "mean_dvars_initial") > 0);
    assertTrue(value(header, row, "mean_dvars_final") > 0);
    double before = value(header, row, "fd_dvars_correlation_initial");
    double after = value(header, row, "fd_dvars_correlation_final");
    assertTrue(Math.abs(before) <= 1 && Math.abs(after) <= 1, before + " " + after);
    JsonNode meta = sidecar(QC);
    assertEquals("Sample", meta.get("DVARSAtlas").asText());
    for (String column : RunQc.COLUMNS) {
      assertFalse(meta.at("/" + column + "/LongName").asText().isEmpty(), column);
    }
  }

  @Test
  void relmatSidecarsCarryBep017FieldsAndTheMethods() throws IOException {
    JsonNode pearson = sidecar(FUNC + STEM + "stat-pearsoncorrelation_relmat.tsv");
    assertEquals("Pearson correlation coefficient", pearson.get("RelationshipMeasure").asText());
    assertTrue(pearson.get("Weighted").asBoolean());
    assertFalse(pearson.get("Directed").asBoolean());
    assertFalse(pearson.get("ValidDiagonal").asBoolean());
    assertEquals("Full", pearson.get("StorageFormat").asText());
    assertFalse(pearson.get("NonNegative").asBoolean());
    assertEquals("36P", pearson.get("NuisanceParameters").asText());
    assertEquals(0.01, pearson.at("/SoftwareFilters/Bandpass filter/High-pass cutoff (Hz)")
        .asDouble());
    assertEquals(2, pearson.at("/SoftwareFilters/Bandpass filter/Filter order").asInt());
    assertEquals(0.5, pearson.get("FramewiseDisplacementThreshold").asDouble());
    String methods = pearson.get("MethodsDescription").asText();
    assertTrue(methods.contains("36-parameter model (Satterthwaite et al., 2013; Ciric et al., "
        + "2017)"), methods);
    assertTrue(methods.contains("above 0.5 mm"), methods);
    assertTrue(methods.contains("between 0.01 and 0.08 Hz"), methods);
    assertTrue(methods.contains("atlas Sample"), methods);
    assertTrue(pearson.get("MethodsReferences").get(0).asText().startsWith("Power JD"),
        pearson.get("MethodsReferences").toString());
    JsonNode covariance = sidecar(FUNC + STEM + "stat-covariance_relmat.tsv");
    assertTrue(covariance.get("ValidDiagonal").asBoolean());
    assertEquals("Covariance", covariance.get("RelationshipMeasure").asText());
    JsonNode series = sidecar(FUNC + STEM + "stat-mean_timeseries.tsv");
    assertEquals(0.5, series.get("SamplingFrequency").asDouble());
    assertFalse(series.has("RelationshipMeasure"));
    assertEquals(methods, series.get("MethodsDescription").asText());
  }

  private static double value(List<String> header, String[] row, String column) {
    return Double.parseDouble(row[header.indexOf(column)]);
  }

  private static List<String[]> rows(String relative) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve(relative))) {
      rows.add(line.split("\t", -1));
    }
    return rows;
  }

  private static JsonNode sidecar(String relative) throws IOException {
    return JSON.readTree(out.resolve(relative.replace(".tsv", ".json")).toFile());
  }
}
