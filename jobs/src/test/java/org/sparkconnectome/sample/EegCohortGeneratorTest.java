package org.sparkconnectome.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.eeg.BinaryFormat;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.formats.eeg.EegSampleStream;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

/** {@code sample --eeg}: the files read back, the tables parse, the planted coupling is there. */
class EegCohortGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NAMES = TenTwentyMontage.names();
  /** Seconds per epoch of the phase-locking estimates: 120 epochs of a 60 s recording. */
  private static final double EPOCH = 0.5;

  @TempDir
  static Path dir;
  private static EegCohortGenerator generator;
  private static JsonNode truth;

  @BeforeAll
  static void generate() throws IOException {
    long start = System.nanoTime();
    generator = TestData.eegSampleCohort(dir);
    System.out.printf(Locale.ROOT, "EEG sample cohort (8 x 60 s) in %.2f s%n",
        (System.nanoTime() - start) / 1e9);
    truth = JSON.readTree(dir.resolve("ground_truth.json").toFile());
  }

  private static EegRecording open(JsonNode recording) throws IOException {
    return EegFiles.open(new LocalDataSource(dir.resolve(recording.get("file").asText())));
  }

  private static double[][] readAll(EegRecording r) throws IOException {
    int n = Math.toIntExact(r.sampleCount());
    double[][] all = new double[r.channels().size()][n];
    double[][] block = new double[all.length][1000];
    int at = 0;
    try (EegSampleStream stream = r.stream()) {
      int got;
      while ((got = stream.read(block)) > 0) {
        for (int c = 0; c < all.length; c++) {
          System.arraycopy(block[c], 0, all[c], at, got);
        }
        at += got;
      }
    }
    assertEquals(n, at);
    return all;
  }

  @Test
  void everyRecordingReadsBackWithinItsQuantisation() throws IOException {
    JsonNode recordings = truth.get("recordings");
    assertEquals(8, recordings.size());
    List<String> formats = new ArrayList<>();
    for (int s = 1; s <= 8; s++) {
      JsonNode rec = recordings.get(s - 1);
      EegRecordingPlan plan = generator.plan(s);
      EegRecording r = open(rec);
      formats.add(rec.get("format").asText() + rec.path("binary_format").asText(""));
      assertEquals(plan.format().readerFormat(), r.format());
      assertEquals(NAMES, r.channelNames());
      assertEquals(plan.format().samplingRate(), r.samplingRate(), 1e-9);
      assertEquals(60.0, r.durationSeconds(), 1e-9);
      assertEquals(rec.get("n_samples").asLong(), r.sampleCount());
      double[][] written = generator.signals(s);
      double[][] back = readAll(r);
      for (int c = 0; c < NAMES.size(); c++) {
        double step = r.channels().get(c).gain();
        for (int t = 0; t < back[c].length; t++) {
          // Float32 keeps 24 bits of the value in µV; the integer formats half a step.
          double tolerance = plan.format().binaryFormat() == BinaryFormat.IEEE_FLOAT_32
              ? Math.abs(written[c][t]) * 0x1p-23 : step * 0.5;
          assertTrue(Math.abs(back[c][t] - written[c][t]) <= tolerance + 1e-15,
              rec.get("file").asText() + " " + NAMES.get(c) + " t" + t);
        }
      }
    }
    assertEquals(List.of("edf", "bdf", "brainvisionINT_16", "edf", "bdf",
        "brainvisionIEEE_FLOAT_32", "edf", "bdf"), formats);
  }

  private static List<String[]> tsv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      rows.add(line.split("\t", -1));
    }
    return rows;
  }

  @Test
  void bidsFilesExistAndParse() throws IOException {
    JsonNode description = JSON.readTree(dir.resolve("dataset_description.json").toFile());
    assertEquals("raw", description.get("DatasetType").asText());
    List<String[]> participants = tsv(dir.resolve("participants.tsv"));
    assertArrayEquals(new String[] {"participant_id", "group", "age", "sex"},
        participants.get(0));
    assertEquals(9, participants.size());
    assertEquals("control", participants.get(1)[1]);
    assertEquals("patient", participants.get(2)[1]);
    for (int s = 1; s <= 8; s++) {
      String sub = String.format(Locale.ROOT, "sub-%02d", s);
      Path eeg = dir.resolve(sub).resolve("eeg");
      JsonNode sidecar = JSON.readTree(eeg.resolve(sub + "_task-rest_eeg.json").toFile());
      assertEquals(generator.plan(s).format().samplingRate(),
          sidecar.get("SamplingFrequency").asDouble(), 0);
      assertEquals(50, sidecar.get("PowerLineFrequency").asInt());
      assertEquals("FCz", sidecar.get("EEGReference").asText());
      assertEquals(19, sidecar.get("EEGChannelCount").asInt());
      assertEquals(60, sidecar.get("RecordingDuration").asInt());
      assertEquals("rest", sidecar.get("TaskName").asText());

      List<String[]> channels = tsv(eeg.resolve(sub + "_task-rest_channels.tsv"));
      assertEquals(List.of("name", "type", "units", "sampling_frequency", "status",
          "status_description"), List.of(channels.get(0)));
      assertEquals(20, channels.size());
      for (int c = 0; c < 19; c++) {
        String[] row = channels.get(c + 1);
        assertEquals(NAMES.get(c), row[0]);
        assertEquals("EEG", row[1]);
        assertEquals("\u00b5V", row[2]);
        boolean bad = s == 2 && row[0].equals("T7");
        assertEquals(bad ? "bad" : "good", row[4], sub + " " + row[0]);
      }

      List<String[]> events = tsv(eeg.resolve(sub + "_task-rest_events.tsv"));
      assertEquals(List.of("onset", "duration", "trial_type"), List.of(events.get(0)));
      assertEquals(5, events.size());
      double end = 0;
      for (String[] row : events.subList(1, events.size())) {
        assertEquals(end, Double.parseDouble(row[0]), 1e-9);
        end += Double.parseDouble(row[1]);
        assertTrue(row[2].equals("eyes_open") || row[2].equals("eyes_closed"), row[2]);
      }
      assertEquals(60, end, 1e-9);

      List<String[]> electrodes = tsv(eeg.resolve(sub + "_electrodes.tsv"));
      assertEquals(List.of("name", "x", "y", "z"), List.of(electrodes.get(0)));
      assertEquals(20, electrodes.size());
      for (String[] row : electrodes.subList(1, electrodes.size())) {
        double r = Math.sqrt(Math.pow(Double.parseDouble(row[1]), 2)
            + Math.pow(Double.parseDouble(row[2]), 2) + Math.pow(Double.parseDouble(row[3]), 2));
        assertEquals(0.095, r, 1e-3, row[0]);
      }
      JsonNode coords = JSON.readTree(eeg.resolve(sub + "_coordsystem.json").toFile());
      assertEquals("m", coords.get("EEGCoordinateUnits").asText());
    }
    assertTrue(Files.isRegularFile(dir.resolve("sub-03/eeg/sub-03_task-rest_eeg.vmrk")));
    assertTrue(Files.isRegularFile(dir.resolve("sub-03/eeg/sub-03_task-rest_eeg.eeg")));
  }

  @Test
  void groundTruthNamesGroupsFaultsAndFormats() {
    assertEquals(42, truth.get("seed").asLong());
    JsonNode groups = truth.get("coupling_groups");
    assertEquals("alpha_posterior", groups.get(0).get("name").asText());
    assertEquals(10, groups.get(0).get("frequency_hz").asDouble(), 0);
    assertEquals(0.020, groups.get(0).get("lags_seconds").get(4).asDouble(), 0);
    assertEquals(0.8, groups.get(1).get("coupling").get("patient").asDouble(), 0);
    assertEquals(0.3, groups.get(1).get("coupling").get("control").asDouble(), 0);
    assertEquals("02", truth.get("bad_channels").get(0).get("subject").asText());
    assertEquals("T7", truth.get("bad_channels").get(0).get("channel").asText());
    JsonNode artefacts = truth.get("artefacts").get(0);
    assertEquals("03", artefacts.get("subject").asText());
    assertEquals("[14,30,44]", artefacts.get("onsets_seconds").toString());
  }

  @Test
  void alphaGroupIsPhaseLockedAtItsLags() {
    EegCouplingGroup alpha = EegCouplingGroup.ALPHA;
    int first = NAMES.indexOf(alpha.members().get(0));
    List<Integer> outside = new ArrayList<>();
    for (String name : NAMES) {
      if (!alpha.members().contains(name) && !EegCouplingGroup.BETA.members().contains(name)
          && !name.equals(EegCohortGenerator.BAD_CHANNEL)) {
        outside.add(NAMES.indexOf(name));
      }
    }
    int members = alpha.members().size();
    double[][] phasors = new double[members][2];
    for (int s = 1; s <= 8; s++) {
      double fs = generator.plan(s).format().samplingRate();
      EpochSpectra spectra = new EpochSpectra(generator.signals(s), fs, EPOCH, alpha.frequencyHz());
      double outsideSum = 0;
      for (int k = 1; k < members; k++) {
        int member = NAMES.indexOf(alpha.members().get(k));
        double plv = spectra.plv(first, member);
        assertTrue(plv > 0.7, "sub " + s + " " + alpha.members().get(k) + " plv " + plv);
        double[] sum = spectra.phasorSum(first, member);
        phasors[k][0] += sum[0];
        phasors[k][1] += sum[1];
        for (int o : outside) {
          outsideSum += spectra.plv(member, o);
        }
      }
      double o1T8 = spectra.plv(first, NAMES.indexOf("T8"));
      double outsideMean = outsideSum / (outside.size() * (members - 1));
      System.out.printf(Locale.ROOT, "sub %d alpha O1-O2 %.3f O1-P4 %.3f O1-T8 %.3f "
          + "outside mean %.3f%n", s, spectra.plv(first, NAMES.indexOf("O2")),
          spectra.plv(first, NAMES.indexOf("P4")), o1T8, outsideMean);
      assertTrue(o1T8 < 0.3, "sub " + s + " O1-T8 plv " + o1T8);
      assertTrue(outsideMean < 0.2, "sub " + s + " outside mean " + outsideMean);
    }
    // The mean phase over all epochs of all subjects: the planted lag's phase, positive.
    for (int k = 1; k < members; k++) {
      double phase = Math.atan2(phasors[k][1], phasors[k][0]);
      System.out.printf(Locale.ROOT, "alpha %s phase %.3f planted %.3f%n",
          alpha.members().get(k), phase, alpha.phaseLagRadians(k));
      assertEquals(alpha.phaseLagRadians(k), phase, 0.1, alpha.members().get(k));
    }
  }

  @Test
  void patientsHaveTheStrongerBetaCoupling() {
    EegCouplingGroup beta = EegCouplingGroup.BETA;
    double[] sum = new double[2];
    double[] lowest = {1, 1};
    double[] highest = {0, 0};
    for (int s = 1; s <= 8; s++) {
      double fs = generator.plan(s).format().samplingRate();
      EpochSpectra spectra = new EpochSpectra(generator.signals(s), fs, EPOCH, beta.frequencyHz());
      double plv = 0;
      int pairs = 0;
      for (int a = 0; a < beta.members().size(); a++) {
        for (int b = a + 1; b < beta.members().size(); b++) {
          plv += spectra.plv(NAMES.indexOf(beta.members().get(a)),
              NAMES.indexOf(beta.members().get(b)));
          pairs++;
        }
      }
      plv /= pairs;
      int g = s % 2 == 0 ? 1 : 0;
      System.out.printf(Locale.ROOT, "sub %d (%s) beta plv %.3f%n", s,
          g == 1 ? "patient" : "control", plv);
      sum[g] += plv;
      lowest[g] = Math.min(lowest[g], plv);
      highest[g] = Math.max(highest[g], plv);
    }
    double control = sum[0] / 4;
    double patient = sum[1] / 4;
    assertTrue(patient > control + 0.2, "patients " + patient + ", controls " + control);
    assertTrue(lowest[1] > highest[0], "every patient above every control");
  }

  @Test
  void peakToPeakSeparatesTheArtefactWindows() {
    // With 2 s epochs from the first sample and the bad channel left out, only the artefact
    // subject's three windows exceed 300 µV peak to peak; the bad channel exceeds it in all.
    for (int s = 1; s <= 8; s++) {
      EegRecordingPlan plan = generator.plan(s);
      double[][] v = generator.signals(s);
      int n = (int) Math.round(2 * plan.format().samplingRate());
      List<Integer> rejected = new ArrayList<>();
      double largestKept = 0;
      for (int e = 0; e < v[0].length / n; e++) {
        double worst = 0;
        for (int c = 0; c < v.length; c++) {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          for (int t = e * n; t < (e + 1) * n; t++) {
            lo = Math.min(lo, v[c][t]);
            hi = Math.max(hi, v[c][t]);
          }
          if (NAMES.get(c).equals(plan.badChannel())) {
            // Left in, the bad channel alone would reject every epoch.
            assertTrue(hi - lo > 300e-6, "sub " + s + " bad channel epoch " + e);
          } else {
            worst = Math.max(worst, hi - lo);
          }
        }
        if (worst > 300e-6) {
          rejected.add(2 * e);
        } else {
          largestKept = Math.max(largestKept, worst);
        }
      }
      System.out.printf(Locale.ROOT, "sub %d largest kept peak-to-peak %.1f uV%n", s,
          largestKept * 1e6);
      assertEquals(plan.artefactOnsetsSeconds(), rejected, "sub " + s);
    }
  }

  @Test
  void sameSeedSameBytes(@TempDir Path other) throws IOException {
    EegSampleSpec spec = EegSampleSpec.defaults(3, 9).withSeconds(8);
    new EegCohortGenerator(spec).generate(other.resolve("a"));
    new EegCohortGenerator(spec).generate(other.resolve("b"));
    for (String file : List.of("sub-01/eeg/sub-01_task-rest_eeg.edf",
        "sub-02/eeg/sub-02_task-rest_eeg.bdf", "sub-03/eeg/sub-03_task-rest_eeg.eeg",
        "ground_truth.json", "participants.tsv")) {
      assertArrayEquals(Files.readAllBytes(other.resolve("a").resolve(file)),
          Files.readAllBytes(other.resolve("b").resolve(file)), file);
    }
    new EegCohortGenerator(EegSampleSpec.defaults(3, 10).withSeconds(8))
        .generate(other.resolve("c"));
    assertFalse(Arrays.equals(
        Files.readAllBytes(other.resolve("a/sub-01/eeg/sub-01_task-rest_eeg.edf")),
        Files.readAllBytes(other.resolve("c/sub-01/eeg/sub-01_task-rest_eeg.edf"))));
  }

  @Test
  void effectParses() {
    assertEquals(new EegCouplingEffect(0.2, 0.9), EegCouplingEffect.parse("0.2,0.9"));
    assertThrows(IllegalArgumentException.class,
        () -> EegCouplingEffect.parse("0.2"));
    assertThrows(IllegalArgumentException.class,
        () -> EegCouplingEffect.parse("0.2,1.5"));
  }
}
