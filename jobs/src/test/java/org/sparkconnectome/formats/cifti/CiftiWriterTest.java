package org.sparkconnectome.formats.cifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.TestData;

/**
 * Writes ptseries and pconn files with parcels built from the sample dlabel, and reads them back
 * with our reader and with nibabel (Debian's /usr/bin/python3 running
 * generators/cifti_read_back.py).
 */
class CiftiWriterTest {
  @RegisterExtension
  static final RequiredTool NIBABEL = RequiredTool.checkedBy("nibabel",
      "install the Debian package python3-nibabel", CiftiWriterTest::nibabelMissing);

  @TempDir
  static Path dir;
  private static JsonNode dlabel;
  private static JsonNode ptseries;
  private static JsonNode pconn;
  private static ParcelsAxis parcels;
  private static SeriesAxis series;

  @BeforeAll
  static void buildParcels() throws IOException {
    dlabel = expected("sample.dlabel.nii");
    ptseries = expected("sample.ptseries.nii");
    pconn = expected("sample.pconn.nii");
    CiftiFile atlas = CiftiExpectations.open("sample.dlabel.nii");
    float[] first = atlas.readAll()[0];
    int[] keys = new int[first.length];
    for (int g = 0; g < keys.length; g++) {
      keys[g] = Math.round(first[g]);
    }
    LabelAxis labels = (LabelAxis) atlas.axes().get(0);
    parcels = ParcelsAxis.fromLabels((BrainModelAxis) atlas.axes().get(1), labels.maps().get(0),
        keys);
    series = (SeriesAxis) CiftiExpectations.open("sample.dtseries.nii").axes().get(0);
  }

  private static JsonNode expected(String file) throws IOException {
    return CiftiExpectations.JSON.readTree(
        CiftiExpectations.dir().resolve("expected").resolve(file + ".json").toFile());
  }

  @Test
  void parcelsFromLabelsAreNibabels() {
    CiftiExpectations.assertParcels(dlabel.get("parcels_from_first_map"), parcels,
        "fromLabels");
  }

  @Test
  void fromLabelsRefusesKeysOutsideTheTable() throws IOException {
    CiftiFile atlas = CiftiExpectations.open("sample.dlabel.nii");
    int[] keys = new int[atlas.columns()];
    keys[4] = 42;
    LabelAxis labels = (LabelAxis) atlas.axes().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        ParcelsAxis.fromLabels((BrainModelAxis) atlas.axes().get(1), labels.maps().get(0),
            keys));
    assertTrue(e.getMessage().contains("42"), e.getMessage());
  }

  @Test
  void ptseriesReadsBackWithOurReader() throws IOException {
    Path file = writeSeries();
    CiftiFile back = CiftiFile.open(new LocalDataSource(file));
    assertEquals("ConnParcelSries", back.intent());
    for (int d = 0; d < 2; d++) {
      CiftiExpectations.assertAxis(ptseries.get("axes").get(d), back.axes().get(d), "axis " + d);
    }
    assertEquals(0.0, CiftiExpectations.maxDifference(ptseries.get("data"), back.readAll()));
  }

  @Test
  void pconnReadsBackWithOurReader() throws IOException {
    Path file = writeConnectivity();
    CiftiFile back = CiftiFile.open(new LocalDataSource(file));
    assertEquals("ConnParcels", back.intent());
    for (int d = 0; d < 2; d++) {
      CiftiExpectations.assertAxis(pconn.get("axes").get(d), back.axes().get(d), "axis " + d);
    }
    assertEquals(0.0, CiftiExpectations.maxDifference(pconn.get("data"), back.readAll()));
  }

  @Test
  void nibabelReadsOurFilesWithTheRightAxes() throws IOException, InterruptedException {
    Path series = writeSeries();
    Path connectivity = writeConnectivity();
    Path script = TestData.reference().resolve("generators").resolve("cifti_read_back.py");
    Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), series.toString(),
        connectivity.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nibabel did not finish");
    assertEquals(0, p.exitValue(), "nibabel refused our files: " + out);
    JsonNode read = CiftiExpectations.JSON.readTree(out);
    for (int f = 0; f < 2; f++) {
      JsonNode nibabel = read.get(f);
      JsonNode reference = f == 0 ? ptseries : pconn;
      assertEquals(reference.get("intent"), nibabel.get("intent"));
      assertEquals(reference.get("shape"), nibabel.get("shape"));
      assertEquals("float32", nibabel.get("datatype").asText());
      CiftiFile ours = CiftiFile.open(new LocalDataSource(f == 0 ? series : connectivity));
      for (int d = 0; d < 2; d++) {
        CiftiExpectations.assertAxis(nibabel.get("axes").get(d), ours.axes().get(d),
            nibabel.get("file").asText() + " as nibabel reads it, axis " + d);
        // And the same axes as nibabel's own file: kinds, lengths, series, parcels.
        assertEquals(reference.get("axes").get(d), nibabel.get("axes").get(d),
            "axis " + d + " of our " + nibabel.get("file").asText() + " vs nibabel's file");
      }
      assertEquals(reference.get("data"), nibabel.get("data"), "values as nibabel reads them");
    }
  }

  @Test
  void refusesDataThatDoesNotFitTheAxes() {
    float[][] data = new float[series.length()][parcels.length() + 1];
    assertThrows(IllegalArgumentException.class,
        () -> CiftiWriter.writeParcelSeries(OutputStream.nullOutputStream(), series, parcels,
            data));
  }

  private static Path writeSeries() throws IOException {
    Path file = dir.resolve("sub-01_stat-mean_timeseries.ptseries.nii");
    try (OutputStream out = Files.newOutputStream(file)) {
      CiftiWriter.writeParcelSeries(out, series, parcels, matrix(ptseries.get("data")));
    }
    return file;
  }

  private static Path writeConnectivity() throws IOException {
    Path file = dir.resolve("sub-01_stat-pearsoncorrelation_boldmap.pconn.nii");
    try (OutputStream out = Files.newOutputStream(file)) {
      CiftiWriter.writeParcelConnectivity(out, parcels, matrix(pconn.get("data")));
    }
    return file;
  }

  private static float[][] matrix(JsonNode data) {
    float[][] out = new float[data.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new float[data.get(i).size()];
      for (int j = 0; j < out[i].length; j++) {
        JsonNode v = data.get(i).get(j);
        out[i][j] = v.isNull() ? Float.NaN : (float) v.asDouble();
      }
    }
    return out;
  }

  private static Optional<String> nibabelMissing() {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c",
        "import nibabel.cifti2"));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of("/usr/bin/python3 cannot import nibabel.cifti2: " + out);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("/usr/bin/python3 cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking /usr/bin/python3");
    }
  }
}
