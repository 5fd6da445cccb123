package org.sparkconnectome.formats.eeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every readable EEG test file against what MNE-Python's readers made of it. */
class EegReadersTest {
  /** Files MNE reads that we refuse on purpose (see EegBrokenFilesTest). */
  private static final List<String> REFUSED = List.of("broken_digital_range.edf",
      "broken_discontinuous.edf", "broken_frame_size.vhdr", "broken_mixed_rates.edf",
      "broken_record_count.edf");
  private static final String[] FORMATS = {"edf_plain.edf", "edf", "edf_unknown_records.edf",
      "edf", "edfplus_annotations.edf", "edf+", "bdf_plain.bdf", "bdf",
      "bdfplus_annotations.bdf", "bdf+", "bv_int16.vhdr", "brainvision",
      "bv_float32_vectorized.vhdr", "brainvision", "bv_int32.vhdr", "brainvision"};

  @TestFactory
  Stream<DynamicTest> agreesWithMne() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> files = EegTestFiles.expected().fields();
    while (files.hasNext()) {
      Map.Entry<String, JsonNode> e = files.next();
      if (e.getValue().has("mne_error") || REFUSED.contains(e.getKey())) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(e.getKey(), () -> compare(e.getKey(), e.getValue())));
    }
    assertEquals(8, tests.size(), "readable reference files");
    return tests.stream();
  }

  private static double maxAbsDiff;

  @AfterAll
  static void reportAgreement() {
    System.out.println("EEG readers vs MNE: max abs difference " + maxAbsDiff + " V");
  }

  private static void compare(String name, JsonNode expected) throws IOException {
    EegRecording r = EegTestFiles.open(name);
    List<String> names = new ArrayList<>();
    expected.get("channels").forEach(n -> names.add(n.asText()));
    assertEquals(names, r.channelNames(), "channel names");
    assertEquals(expected.get("sfreq").asDouble(), r.samplingRate(), 0, "sfreq");
    assertEquals(expected.get("n_times").asLong(), r.sampleCount(), "n_times");
    assertEquals(name, r.fileName());
    double[][] data = EegTestFiles.readAll(r, 100_000);
    JsonNode indices = expected.get("sample_indices");
    for (int k = 0; k < indices.size(); k++) {
      int t = indices.get(k).asInt();
      for (int c = 0; c < names.size(); c++) {
        double want = expected.get("samples").get(k).get(c).asDouble();
        close(want, data[c][t], name + " channel " + names.get(c) + " sample " + t);
      }
    }
    double total = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < names.size(); c++) {
      double sum = 0;
      for (double v : data[c]) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      total += sum;
      close(expected.get("channel_sums").get(c).asDouble(), sum, name + " sum of "
          + names.get(c));
    }
    JsonNode stats = expected.get("stats");
    close(stats.get("sum").asDouble(), total, name + " total");
    close(stats.get("min").asDouble(), min, name + " min");
    close(stats.get("max").asDouble(), max, name + " max");
    JsonNode annotations = expected.get("annotations");
    List<EegAnnotation> got = r.annotations();
    assertEquals(annotations.size(), got.size(), name + " annotations");
    for (int i = 0; i < got.size(); i++) {
      JsonNode a = annotations.get(i);
      assertEquals(a.get("onset").asDouble(), got.get(i).onsetSeconds(), 1e-12, "onset " + i);
      assertEquals(a.get("duration").asDouble(), got.get(i).durationSeconds(), 1e-12);
      assertEquals(a.get("description").asText(), got.get(i).description());
    }
    for (int i = 0; i < FORMATS.length; i += 2) {
      if (FORMATS[i].equals(name)) {
        assertEquals(FORMATS[i + 1], r.format(), "format");
      }
    }
  }

  /** Within 1e-9 V or 1e-6 relative, as the brief fixes; records the worst difference. */
  private static void close(double want, double got, String what) {
    double diff = Math.abs(want - got);
    synchronized (EegReadersTest.class) {
      maxAbsDiff = Math.max(maxAbsDiff, diff);
    }
    assertTrue(diff <= 1e-9 || diff <= 1e-6 * Math.abs(want),
        what + ": MNE " + want + ", ours " + got);
  }

  @Test
  void smallBlocksStreamTheSameAsOneRead() throws IOException {
    for (String name : List.of("edf_plain.edf", "edfplus_annotations.edf", "bdf_plain.bdf",
        "bv_int16.vhdr", "bv_float32_vectorized.vhdr", "bv_int32.vhdr")) {
      double[][] whole = EegTestFiles.readAll(EegTestFiles.open(name), 1 << 20);
      for (int b : new int[] {1, 7, 127, 129, 1000}) {
        double[][] blocks = EegTestFiles.readAll(EegTestFiles.open(name), b);
        for (int c = 0; c < whole.length; c++) {
          assertArrayEquals(whole[c], blocks[c], 0, name + " block " + b + " channel " + c);
        }
      }
    }
  }

  @Test
  void annotationSignalIsNotAChannelAndIdentifyingFieldsStayHidden() throws IOException {
    EegRecording r = EegTestFiles.open("edfplus_annotations.edf");
    assertFalse(r.channelNames().contains("EDF Annotations"));
    String fields = r.headerFields().toString();
    assertFalse(fields.contains("MCH-0234567") || fields.contains("Haagse"), fields);
    assertFalse(fields.contains("EMG561"), fields);
  }

  @Test
  void scalesAsMneDoes() throws IOException {
    EegRecording edf = EegTestFiles.open("edf_plain.edf");
    EegChannel fp1 = edf.channels().get(0);
    double cal = (3300.5 - -3200) / (32767 - -32768.0);
    assertEquals(cal * 1e-6, fp1.gain(), 1e-20);
    assertEquals((-3200 - -32768 * cal) * 1e-6, fp1.offset(), 1e-15);
    assertEquals("uV", fp1.unit());
    EegChannel temp = edf.channels().get(3);
    assertEquals(10.0 / 1000, temp.gain(), 1e-15, "not a voltage: unscaled");
    EegRecording bdf = EegTestFiles.open("bdf_plain.bdf");
    assertTrue(bdf.channels().get(3).stim(), "Status is a trigger channel");
    assertFalse(bdf.channels().get(0).stim());
    EegRecording bv = EegTestFiles.open("bv_int16.vhdr");
    assertEquals(0.01 * 1e-3, bv.channels().get(2).gain(), 1e-20, "mV");
    assertEquals("\u00b5V", bv.channels().get(4).unit(), "no unit: µV");
  }

  @Test
  void unknownRecordCountIsComputedFromTheSizeAndSaidSo() throws IOException {
    EegRecording r = EegTestFiles.open("edf_unknown_records.edf");
    assertEquals(768, r.sampleCount());
    assertTrue(r.headerFields().values().stream().anyMatch(v -> v.contains("-1")),
        r.headerFields().toString());
  }

  @Test
  void recognisesItsExtensions() {
    assertTrue(EegFiles.isEegFile("sub-01_task-rest_eeg.EDF"));
    assertTrue(EegFiles.isEegFile("x.bdf"));
    assertTrue(EegFiles.isEegFile("x.vhdr"));
    assertFalse(EegFiles.isEegFile("x.eeg"));
    assertFalse(EegFiles.isEegFile("x.nii.gz"));
  }
}
