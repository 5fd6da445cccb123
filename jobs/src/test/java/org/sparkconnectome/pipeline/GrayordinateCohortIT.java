package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * XCP-D's CIFTI mode through {@code run}: a cohort of dense time series made with nibabel's
 * cifti2 API ({@code data-samples/reference/generators/cifti_cohort.py}), a dense label atlas
 * whose parcels have planted correlations, and the reference values that script computes with
 * numpy from nibabel's reading of the same files. The parcellated outputs are read back by
 * nibabel.
 */
@Tag("spark")
class GrayordinateCohortIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = "_task-rest_space-fsLR_atlas-Toy_den-91k_stat-";
  private static final double TOLERANCE = 1e-6;

  @RegisterExtension
  static final RequiredTool NIBABEL = PythonPeer.modules("nibabel",
      "install the Debian packages python3-nibabel and python3-numpy", "nibabel", "numpy");

  @TempDir
  static Path dir;
  private static Path bids;
  private static Path out;
  private static CliRun run;

  /** The cohort and its run, made once for the class when the first test needs them. */
  private static synchronized void cohort() throws IOException {
    if (run != null) {
      return;
    }
    bids = dir.resolve("bids");
    PythonPeer.Result made = PythonPeer.run(generator().toString(), "cohort", bids.toString());
    assertEquals(0, made.exitCode(), made.output());
    out = dir.resolve("out");
    run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--atlas", bids.resolve("atlas/atlas-Toy_space-fsLR_den-91k_dseg.dlabel.nii").toString(),
        "--set", "fmri.denoise=motion6", "--set", "fmri.bandpass=off",
        "--set", "fmri.fd_threshold=0", "--set", "fmri.dummy_scans=0",
        "--set", "fmri.min_clean_seconds=0", "--set", "fmri.measures=pearson");
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void regionSeriesCoverageAndPearsonEqualTheNumpyReference() throws IOException {
    cohort();
    JsonNode reference = JSON.readTree(bids.resolve("reference.json").toFile());
    List<String> regions = new ArrayList<>();
    reference.get("regions").forEach(r -> regions.add(r.asText()));
    JsonNode subjects = reference.get("subjects");
    assertEquals(4, subjects.size());
    subjects.fields().forEachRemaining(e -> {
      String sub = e.getKey();
      JsonNode expected = e.getValue();
      Path func = out.resolve("sub-" + sub + "/func");
      String stem = "sub-" + sub + RUN;
      try {
        List<double[]> series = table(func.resolve(stem + "mean_timeseries.tsv"), regions, false);
        assertClose(expected.get("timeseries"), series, "sub-" + sub + " region series");
        List<double[]> pearson = table(func.resolve(stem + "pearsoncorrelation_relmat.tsv"),
            regions, true);
        assertClose(expected.get("pearson"), pearson, "sub-" + sub + " Pearson");
        List<double[]> coverage = table(func.resolve(stem + "coverage_bold.tsv"), null, true);
        for (int r = 0; r < regions.size(); r++) {
          assertEquals(expected.get("coverage").get(r).asDouble(), coverage.get(r)[0],
              TOLERANCE, "sub-" + sub + " coverage of " + regions.get(r));
        }
      } catch (IOException ex) {
        throw new AssertionError(ex);
      }
    });
  }

  @Test
  void plantedNetworksAreRecovered() throws IOException {
    cohort();
    JsonNode reference = JSON.readTree(bids.resolve("reference.json").toFile());
    List<String> regions = new ArrayList<>();
    reference.get("regions").forEach(r -> regions.add(r.asText()));
    List<double[]> m = table(out.resolve("sub-02/func/sub-02" + RUN
        + "pearsoncorrelation_relmat.tsv"), regions, true);
    int l1 = regions.indexOf("L1");
    int r1 = regions.indexOf("R1");
    int thalamus = regions.indexOf("THALAMUS_LEFT");
    int l2 = regions.indexOf("L2");
    int r2 = regions.indexOf("R2");
    int l3 = regions.indexOf("L3");
    for (double within : new double[] {m.get(l1)[r1], m.get(l1)[thalamus], m.get(l2)[r2]}) {
      assertTrue(within > 0.4, "a planted pair correlates: " + within);
    }
    for (double across : new double[] {m.get(l1)[l2], m.get(l3)[r1], m.get(thalamus)[r2]}) {
      assertTrue(Math.abs(across) < 0.35, "an unplanted pair does not: " + across);
    }
  }

  @Test
  void parcellatedCiftiOutputsReadBackInNibabelWithTheirAxes() throws IOException {
    cohort();
    Path func = out.resolve("sub-01/func");
    Path ptseries = func.resolve("sub-01" + RUN + "mean_timeseries.ptseries.nii");
    Path pconn = func.resolve("sub-01" + RUN + "pearsoncorrelation_boldmap.pconn.nii");
    PythonPeer.Result read = PythonPeer.run(generator().toString(), "axes",
        ptseries.toString(), pconn.toString());
    assertEquals(0, read.exitCode(), read.output());
    JsonNode files = JSON.readTree(read.output());
    JsonNode reference = JSON.readTree(bids.resolve("reference.json").toFile());
    List<String> regions = new ArrayList<>();
    reference.get("regions").forEach(r -> regions.add(r.asText()));

    JsonNode series = files.get(ptseries.toString());
    assertEquals("ConnParcelSries", series.get("intent").asText());
    JsonNode time = series.get("axes").get(0);
    assertEquals("SeriesAxis", time.get("type").asText());
    assertEquals(120, time.get("length").asInt());
    assertEquals(2.0, time.get("step").asDouble(), 1e-9);
    JsonNode parcels = series.get("axes").get(1);
    assertEquals("ParcelsAxis", parcels.get("type").asText());
    List<String> names = new ArrayList<>();
    parcels.get("names").forEach(n -> names.add(n.asText()));
    assertEquals(regions, names);
    // L1: the atlas's 284 left vertices 50-333; THALAMUS_LEFT: 27 voxels, no vertices.
    assertEquals(284, parcels.get("vertices").get(0).get("CIFTI_STRUCTURE_CORTEX_LEFT").asInt());
    assertEquals(27, parcels.get("voxels").get(regions.indexOf("THALAMUS_LEFT")).asInt());
    assertEquals(1000, parcels.get("nvertices").get("CIFTI_STRUCTURE_CORTEX_RIGHT").asInt());
    List<double[]> tsv = table(func.resolve("sub-01" + RUN + "mean_timeseries.tsv"), regions,
        false);
    assertCloseRelative(series.get("data"), tsv, "ptseries data = the TSV's series");

    JsonNode matrix = files.get(pconn.toString());
    assertEquals("ConnParcels", matrix.get("intent").asText());
    assertEquals("ParcelsAxis", matrix.get("axes").get(0).get("type").asText());
    assertEquals("ParcelsAxis", matrix.get("axes").get(1).get("type").asText());
    assertCloseRelative(matrix.get("data"), table(func.resolve("sub-01" + RUN
        + "pearsoncorrelation_relmat.tsv"), regions, true), "pconn data = the relmat");
  }

  @Test
  void theDenseLabelAtlasTravelsWithTheOutputs() throws IOException {
    cohort();
    Path copy = out.resolve("sourcedata/atlases/atlas-Toy/"
        + "atlas-Toy_space-fsLR_den-91k_dseg.dlabel.nii");
    assertTrue(Files.exists(copy), "the dlabel is in the output's atlases");
    JsonNode sidecar = JSON.readTree(out.resolve("sub-01/func/sub-01" + RUN
        + "pearsoncorrelation_relmat.json").toFile());
    assertEquals("bids::sourcedata/atlases/atlas-Toy/"
        + "atlas-Toy_space-fsLR_den-91k_dseg.dlabel.nii", sidecar.get("AtlasFile").asText());
    assertTrue(sidecar.get("MethodsDescription").asText().contains("mean over its grayordinates"),
        sidecar.get("MethodsDescription").asText());
    JsonNode report = JSON.readTree(out.resolve("run-report.json").toFile());
    int computed = 0;
    for (JsonNode r : report.get("runs")) {
      if ("cifti".equals(r.path("pipeline").asText())
          && "computed".equals(r.path("status").asText())) {
        computed++;
      }
    }
    assertEquals(4, computed, "every dtseries run is computed by the CIFTI stage");
  }

  @Test
  void theReportShowsTheRunsWithAFlatParcelView() throws IOException {
    cohort();
    String html = Files.readString(out.resolve("report/index.html"));
    assertTrue(html.contains("Parcels of the dense label atlas Toy"), "the flat parcel view");
    assertTrue(html.contains("fMRI (CIFTI)"), "the stage by its title");
    assertTrue(html.contains("<a href=\"sub-01.html#run-sub-01_task-rest"),
        "the table of runs links the run's section");
    assertTrue(Files.readString(out.resolve("report/sub-01.html"))
        .contains("id=\"run-sub-01_task-rest"), "a section per run, as for volumes");
  }

  @Test
  void smoothingGrayordinatesIsRefusedWithTheReason() throws IOException {
    cohort();
    Path smoothed = dir.resolve("smoothed");
    CliRun refused = CliRun.of("run", "--bids", bids.toString(), "--out", smoothed.toString(),
        "--atlas", bids.resolve("atlas/atlas-Toy_space-fsLR_den-91k_dseg.dlabel.nii").toString(),
        "--participant-label", "01", "--set", "fmri.smoothing_fwhm=6",
        "--set", "fmri.denoise=motion6", "--set", "fmri.min_clean_seconds=0");
    JsonNode report = JSON.readTree(smoothed.resolve("run-report.json").toFile());
    JsonNode only = report.get("runs").get(0);
    assertEquals("failed", only.get("status").asText(), refused.err());
    assertTrue(only.get("reason").asText().contains("fmri.smoothing_fwhm"),
        only.get("reason").asText());
    assertTrue(only.get("reason").asText().contains("surface geometry"),
        only.get("reason").asText());
  }

  /** A TSV's numeric rows, after its header (and, with {@code indexed}, its first column). */
  private static List<double[]> table(Path file, List<String> header, boolean indexed)
      throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> columns = List.of(lines.get(0).split("\t"));
    if (header != null) {
      assertEquals(header, indexed ? columns.subList(1, columns.size()) : columns,
          file.getFileName() + " header");
    }
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      int from = indexed ? 1 : 0;
      double[] v = new double[cells.length - from];
      for (int i = from; i < cells.length; i++) {
        v[i - from] = cells[i].equals("n/a") ? Double.NaN : Double.parseDouble(cells[i]);
      }
      rows.add(v);
    }
    return rows;
  }

  private static void assertClose(JsonNode expected, List<double[]> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": rows");
    for (int i = 0; i < actual.size(); i++) {
      for (int j = 0; j < actual.get(i).length; j++) {
        assertEquals(expected.get(i).get(j).asDouble(), actual.get(i)[j], TOLERANCE,
            what + " [" + i + "][" + j + "]");
      }
    }
  }

  /** float32 files against double TSVs: agreement to float32's precision. */
  private static void assertCloseRelative(JsonNode stored, List<double[]> tsv, String what) {
    assertEquals(tsv.size(), stored.size(), what + ": rows");
    for (int i = 0; i < tsv.size(); i++) {
      for (int j = 0; j < tsv.get(i).length; j++) {
        double want = tsv.get(i)[j];
        assertEquals(want, stored.get(i).get(j).asDouble(), 1e-6 * Math.max(1, Math.abs(want)),
            what + " [" + i + "][" + j + "]");
      }
    }
  }

  private static Path generator() {
    return TestData.reference().resolve("generators/cifti_cohort.py");
  }
}
