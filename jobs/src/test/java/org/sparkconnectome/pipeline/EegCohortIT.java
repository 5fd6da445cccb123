package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.sample.EegCohortGenerator;
import org.sparkconnectome.sample.EegSampleSpec;
import org.sparkconnectome.testing.PythonPeer;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * EEG through {@code run}, {@code nightly} and {@code stats}: the generated BIDS-EEG cohort (EDF,
 * BDF and BrainVision recordings, a bad channel, artefacts, lagged alpha and beta coupling,
 * stronger beta coupling in patients). Each recording's matrices are compared with MNE-Python
 * and numpy doing the same work on the same files
 * ({@code data-samples/reference/generators/eeg_pipeline.py}).
 */
@Tag("spark")
class EegCohortIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> MEASURES = List.of("coherence", "imcoherence", "plv", "pli",
      "wpli", "dwpli2", "aec");

  @RegisterExtension
  static final RequiredTool MNE = PythonPeer.modules("mne",
      "install the Debian packages python3-mne and python3-scipy", "mne", "scipy", "numpy");

  @TempDir
  static Path dir;
  private static Path bids;
  private static Path out;
  private static CliRun run;
  private static EegCohortGenerator generator;

  private static synchronized void cohort() throws IOException {
    if (run != null) {
      return;
    }
    bids = dir.resolve("bids");
    generator = new EegCohortGenerator(EegSampleSpec.defaults(8, 11));
    generator.generate(bids);
    out = dir.resolve("out");
    run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  @Test
  void everyRecordingsMatricesEqualMneAndNumpyDoingTheSameWork() throws IOException {
    cohort();
    List<String> recordings = new ArrayList<>();
    try (var files = Files.walk(bids)) {
      files.filter(p -> p.getFileName().toString().matches(".*_eeg\\.(edf|bdf|vhdr)"))
          .sorted().forEach(p -> recordings.add(p.toString()));
    }
    assertEquals(8, recordings.size());
    double worst = compareWithPeer(out, peerSettings(MEASURES, null), recordings, MEASURES);
    System.out.printf("EEG vs MNE/numpy: largest difference %.2e over %d recordings%n", worst,
        recordings.size());
  }

  @Test
  void epochsAroundEventsEqualThePeersToo() throws IOException {
    cohort();
    Path events = dir.resolve("events-out");
    List<String> measures = List.of("coherence", "wpli", "aec");
    CliRun r = CliRun.of("run", "--bids", bids.toString(), "--out", events.toString(),
        "--participant-label", "01", "--participant-label", "03",
        "--set", "eeg.epochs=events", "--set", "eeg.event_offset_seconds=0.5",
        "--set", "eeg.min_epochs=2", "--set", "eeg.measures=" + String.join(",", measures));
    assertEquals(0, r.exitCode(), r.err());
    ObjectNode offset = JSON.createObjectNode();
    offset.putArray("types");
    offset.put("offset", 0.5);
    List<String> recordings = List.of(
        bids.resolve("sub-01/eeg/sub-01_task-rest_eeg.edf").toString(),
        bids.resolve("sub-03/eeg/sub-03_task-rest_eeg.vhdr").toString());
    compareWithPeer(events, peerSettings(measures, offset), recordings, measures);
    JsonNode sidecar = JSON.readTree(events.resolve("sub-01/eeg/sub-01_task-rest_desc-alpha_"
        + "stat-wpli_relmat.json").toFile());
    assertTrue(sidecar.get("Epochs").asText().contains("onset"), sidecar.toString());
  }

  private static ObjectNode peerSettings(List<String> measures, ObjectNode events)
      throws IOException {
    JsonNode truth = JSON.readTree(bids.resolve("ground_truth.json").toFile());
    ObjectNode settings = JSON.createObjectNode();
    settings.set("montage", truth.get("channels"));
    settings.put("reference", "average");
    settings.put("epoch_seconds", 2.0);
    settings.put("reject", 150e-6);
    settings.putArray("bandpass").add(1.0).add(45.0);
    ObjectNode bands = settings.putObject("bands");
    bands.putArray("delta").add(1.0).add(4.0);
    bands.putArray("theta").add(4.0).add(8.0);
    bands.putArray("alpha").add(8.0).add(13.0);
    bands.putArray("beta").add(13.0).add(30.0);
    bands.putArray("gamma").add(30.0).add(45.0);
    ArrayNode list = settings.putArray("measures");
    measures.forEach(list::add);
    if (events != null) {
      settings.set("events", events);
    }
    return settings;
  }

  /**
   * Runs the peer on each recording and compares every relmat of {@code outDir} with it (1e-6);
   * returns the largest difference.
   */
  private static double compareWithPeer(Path outDir, ObjectNode settings,
      List<String> recordings, List<String> measures) throws IOException {
    List<String> montage = new ArrayList<>();
    settings.get("montage").forEach(c -> montage.add(c.asText()));
    double worst = 0;
    for (String recording : recordings) {
      // The line frequency and its harmonics below Nyquist, as the stage picks them.
      double sfreq = recording.endsWith(".bdf") ? 256 : 250;
      ArrayNode notch = settings.putArray("notch");
      for (double f = 50; f + 1 + f / 200 < sfreq / 2; f += 50) {
        notch.add(f);
      }
      Path settingsFile = dir.resolve("settings.json");
      JSON.writeValue(settingsFile.toFile(), settings);
      PythonPeer.Result peer = PythonPeer.run(TestData.reference()
          .resolve("generators/eeg_pipeline.py").toString(), settingsFile.toString(),
          recording);
      assertEquals(0, peer.exitCode(), peer.output());
      JsonNode expected = JSON.readTree(peer.output()).get(recording);
      String name = Path.of(recording).getFileName().toString();
      String stem = name.substring(0, name.indexOf("_eeg."));
      String sub = stem.substring(4, 6);
      for (String measure : measures) {
        for (String band : List.of("delta", "theta", "alpha", "beta", "gamma")) {
          Path relmat = outDir.resolve("sub-" + sub + "/eeg/" + stem + "_desc-" + band
              + "_stat-" + measure + "_relmat.tsv");
          List<double[]> ours = relmat(relmat, montage);
          JsonNode want = expected.get("measures").get(measure).get(band);
          for (int i = 0; i < montage.size(); i++) {
            for (int j = 0; j < montage.size(); j++) {
              JsonNode w = want.get(i).get(j);
              double v = ours.get(i)[j];
              if (w.isNull()) {
                assertTrue(Double.isNaN(v), relmat.getFileName() + " [" + i + "][" + j
                    + "] is n/a in MNE's");
              } else {
                worst = Math.max(worst, Math.abs(v - w.asDouble()));
                assertEquals(w.asDouble(), v, 1e-6, relmat.getFileName() + " [" + i + "]["
                    + j + "]");
              }
            }
          }
        }
      }
      JsonNode sidecar = JSON.readTree(outDir.resolve("sub-" + sub + "/eeg/" + stem
          + "_desc-alpha_stat-" + measures.get(0) + "_relmat.json").toFile());
      assertEquals(expected.get("kept").asInt(), sidecar.get("EpochsKept").asInt(),
          name + ": epochs kept, as the peer's rejection keeps them");
    }
    return worst;
  }

  @Test
  void theScanListsTheRecordingsWithChannelsRatesAndDurations() throws IOException {
    cohort();
    CliRun scan = CliRun.of("scan", "--bids", bids.toString());
    assertEquals(0, scan.exitCode(), scan.err());
    assertTrue(scan.out().contains("EEG: 8 recordings, 19-19 channels, 250.0-256.0 Hz, "
        + "60.0-60.0 s each"), scan.out());
    assertTrue(scan.out().matches("(?s).*raw +eeg +eeg +rest.*"), scan.out());
  }

  @Test
  void thePlantedCouplingAndTheBadChannelShowInTheMatrices() throws IOException {
    cohort();
    JsonNode truth = JSON.readTree(bids.resolve("ground_truth.json").toFile());
    List<String> montage = new ArrayList<>();
    truth.get("channels").forEach(c -> montage.add(c.asText()));
    List<String> alpha = new ArrayList<>();
    List<String> coupled = new ArrayList<>();
    truth.get("coupling_groups").forEach(g -> g.get("members").forEach(c -> {
      coupled.add(c.asText());
      if (g.get("frequency_hz").asDouble() < 15) {
        alpha.add(c.asText());
      }
    }));
    // Over the cohort: debiased wPLI^2 is near 0 without coupling, whatever the epoch count.
    double within = 0;
    double outside = 0;
    int nWithin = 0;
    int nOutside = 0;
    for (int s = 1; s <= 8; s++) {
      String sub = String.format(java.util.Locale.ROOT, "%02d", s);
      List<double[]> m = relmat(out.resolve("sub-" + sub + "/eeg/sub-" + sub
          + "_task-rest_desc-alpha_stat-dwpli2_relmat.tsv"), montage);
      for (int i = 0; i < montage.size(); i++) {
        for (int j = i + 1; j < montage.size(); j++) {
          double v = m.get(i)[j];
          if (Double.isNaN(v)) {
            continue;
          }
          if (alpha.contains(montage.get(i)) && alpha.contains(montage.get(j))) {
            within += v;
            nWithin++;
          } else if (!coupled.contains(montage.get(i)) && !coupled.contains(montage.get(j))) {
            outside += v;
            nOutside++;
          }
        }
      }
    }
    within /= nWithin;
    outside /= nOutside;
    assertTrue(within > 0.5, "lagged alpha coupling within the planted group: " + within);
    assertTrue(Math.abs(outside) < 0.1, "none between uncoupled channels: " + outside);
    JsonNode bad = truth.get("bad_channels").get(0);
    String badSubject = bad.get("subject").asText();
    String badChannel = bad.get("channel").asText();
    List<double[]> withBad = relmat(out.resolve("sub-" + badSubject + "/eeg/sub-" + badSubject
        + "_task-rest_desc-alpha_stat-coherence_relmat.tsv"), montage);
    int b = montage.indexOf(badChannel);
    assertTrue(Double.isNaN(withBad.get(b)[0]) && Double.isNaN(withBad.get(0)[b]),
        "the bad channel is an n/a row and column");
    String artefacts = truth.get("artefacts").get(0).get("subject").asText();
    JsonNode qc = JSON.readTree(out.resolve("sub-" + artefacts + "/eeg/sub-" + artefacts
        + "_task-rest_desc-alpha_stat-coherence_relmat.json").toFile());
    assertTrue(qc.get("EpochsRejected").asInt() >= 1, "the artefact epochs are rejected");
  }

  @Test
  void tablesReportAndNightlyTreatEegAsAnyStage() throws IOException {
    cohort();
    List<Row> rows = SharedSpark.get().read().format("delta")
        .load(out.resolve("tables/connectomes").toString())
        .filter("atlas = 'alpha' and measure = 'wpli'").collectAsList();
    assertEquals(8, rows.size(), "one alpha wPLI row per recording");
    assertTrue(Files.exists(out.resolve("sub-01/eeg/sub-01_task-rest_desc-alpha_stat-wpli_"
        + "nodes.tsv")), "network metrics beside the relmat");
    String html = Files.readString(out.resolve("report/index.html"));
    assertTrue(html.contains("EEG recordings") && html.contains("line noise (dB)"),
        "the report's EEG QC section");
    CliRun nightly = CliRun.of("nightly", "--bids", bids.toString(), "--out", out.toString());
    assertEquals(0, nightly.exitCode(), nightly.err());
    JsonNode report = JSON.readTree(out.resolve("run-report.json").toFile());
    assertEquals(0, report.get("summary").get("computed").asInt(), "nothing changed");
    assertEquals(8, report.get("summary").get("skipped").asInt());
  }

  /**
   * On a copy of the cohort: a channels table edited (a channel marked bad) recomputes that
   * recording alone; a truncated recording fails alone, named with its fault, and the earlier
   * results stay.
   */
  @Test
  void nightlyRecomputesTheChangedRecordingAndABrokenOneFailsAlone() throws IOException {
    cohort();
    Path copy = dir.resolve("copy");
    Path copyOut = dir.resolve("copy-out");
    CohortFiles.copyTree(bids, copy);
    assertEquals(0, CliRun.of("run", "--bids", copy.toString(), "--out", copyOut.toString())
        .exitCode());
    Path channels = copy.resolve("sub-04/eeg/sub-04_task-rest_channels.tsv");
    List<String> lines = new ArrayList<>(Files.readAllLines(channels));
    int status = List.of(lines.get(0).split("\t")).indexOf("status");
    String[] cz = lines.stream().filter(l -> l.startsWith("Cz\t")).findFirst().orElseThrow()
        .split("\t", -1);
    cz[status] = "bad";
    lines.replaceAll(l -> l.startsWith("Cz\t") ? String.join("\t", cz) : l);
    Files.write(channels, lines);
    Path broken = copy.resolve("sub-07/eeg/sub-07_task-rest_eeg.edf");
    byte[] bytes = Files.readAllBytes(broken);
    Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CliRun nightly = CliRun.of("nightly", "--bids", copy.toString(), "--out",
        copyOut.toString());
    assertEquals(3, nightly.exitCode(), "a failed recording: exit 3; " + nightly.err());
    JsonNode report = JSON.readTree(copyOut.resolve("run-report.json").toFile());
    assertEquals(1, report.get("summary").get("computed").asInt(), report.toString());
    assertEquals(6, report.get("summary").get("skipped").asInt());
    assertEquals(1, report.get("summary").get("failed").asInt());
    for (JsonNode r : report.get("runs")) {
      if ("failed".equals(r.get("status").asText())) {
        assertTrue(r.get("source").asText().endsWith("sub-07_task-rest_eeg.edf"),
            r.toString());
        assertTrue(r.get("reason").asText().contains("sub-07_task-rest_eeg.edf"),
            r.toString());
      }
    }
    List<String> montage = new ArrayList<>();
    JSON.readTree(copy.resolve("ground_truth.json").toFile()).get("channels")
        .forEach(c -> montage.add(c.asText()));
    List<double[]> m = relmat(copyOut.resolve("sub-04/eeg/sub-04_task-rest_desc-alpha_stat-"
        + "coherence_relmat.tsv"), montage);
    assertTrue(Double.isNaN(m.get(montage.indexOf("Cz"))[0]), "Cz is n/a after the edit");
  }

  @Test
  void statsFindsThePlantedGroupDifferenceInBetaCoupling() throws IOException {
    cohort();
    Path stats = dir.resolve("stats");
    CliRun nbs = CliRun.of("stats", "nbs", "--tables", out.resolve("tables").toString(),
        "--out", stats.toString(), "--atlas", "beta", "--measure", "plv",
        "--contrast", "patient-control", "--threshold", "3", "--permutations", "500",
        "--seed", "1");
    assertEquals(0, nbs.exitCode(), nbs.err());
    String text;
    try (var files = Files.list(stats)) {
      Path result = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
      text = Files.readString(result);
    }
    JsonNode result = JSON.readTree(text);
    JsonNode components = result.get("components");
    assertTrue(components.size() >= 1, text);
    JsonNode first = components.get(0);
    assertTrue(first.get("p_value").asDouble() < 0.05, text);
    JsonNode truth = JSON.readTree(bids.resolve("ground_truth.json").toFile());
    List<String> planted = new ArrayList<>();
    truth.get("coupling_groups").forEach(g -> {
      if (g.get("frequency_hz").asDouble() > 15) {
        g.get("members").forEach(c -> planted.add(c.asText()));
      }
    });
    JsonNode nodes = first.get("nodes");
    int inPlanted = 0;
    for (JsonNode n : nodes) {
      if (planted.contains(n.asText())) {
        inPlanted++;
      }
    }
    assertTrue(inPlanted >= 2, "the component is among the planted beta group " + planted
        + ": " + nodes);
  }

  private static List<double[]> relmat(Path file, List<String> montage) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).split("\t"));
    assertEquals(montage, header.subList(1, header.size()), file.getFileName() + " nodes");
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      double[] v = new double[cells.length - 1];
      for (int i = 1; i < cells.length; i++) {
        v[i - 1] = cells[i].equals("n/a") ? Double.NaN : Double.parseDouble(cells[i]);
      }
      rows.add(v);
    }
    return rows;
  }
}
