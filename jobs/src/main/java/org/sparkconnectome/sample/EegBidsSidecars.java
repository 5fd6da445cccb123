package org.sparkconnectome.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the BIDS-EEG companions of one generated recording: {@code _eeg.json},
 * {@code _channels.tsv}, {@code _events.tsv}, {@code _electrodes.tsv} and
 * {@code _coordsystem.json}.
 */
final class EegBidsSidecars {
  /** The recording reference: an electrode that is not among the channels. */
  static final String REFERENCE = "FCz";
  static final String UNITS = "\u00b5V";
  /** Eyes-open and eyes-closed blocks per recording; the signals do not depend on them. */
  static final int EVENT_BLOCKS = 4;

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the five files beside the recording in {@code eegDir}. */
  void write(Path eegDir, EegRecordingPlan plan) throws IOException {
    String prefix = "sub-" + plan.subject() + "_task-" + EegCohortGenerator.TASK;
    writeSidecar(eegDir.resolve(prefix + "_eeg.json"), plan);
    writeChannels(eegDir.resolve(prefix + "_channels.tsv"), plan);
    writeEvents(eegDir.resolve(prefix + "_events.tsv"), plan);
    String subject = "sub-" + plan.subject();
    writeElectrodes(eegDir.resolve(subject + "_electrodes.tsv"));
    writeCoordinateSystem(eegDir.resolve(subject + "_coordsystem.json"));
  }

  private void writeSidecar(Path file, EegRecordingPlan plan) throws IOException {
    ObjectNode sidecar = json.createObjectNode();
    sidecar.put("TaskName", EegCohortGenerator.TASK);
    sidecar.put("TaskDescription", "resting state, alternating eyes open and eyes closed");
    sidecar.put("SamplingFrequency", plan.format().samplingRate());
    sidecar.put("PowerLineFrequency", SyntheticEeg.LINE_HZ);
    sidecar.put("EEGReference", REFERENCE);
    sidecar.put("EEGGround", "AFz");
    sidecar.put("EEGPlacementScheme", "10-20");
    sidecar.put("SoftwareFilters", "n/a");
    sidecar.put("EEGChannelCount", TenTwentyMontage.names().size());
    sidecar.put("EOGChannelCount", 0);
    sidecar.put("ECGChannelCount", 0);
    sidecar.put("EMGChannelCount", 0);
    sidecar.put("MiscChannelCount", 0);
    sidecar.put("TriggerChannelCount", 0);
    sidecar.put("RecordingDuration", plan.seconds());
    sidecar.put("RecordingType", "continuous");
    sidecar.put("Manufacturer", "spark-connectome sample (synthetic)");
    json.writeValue(file.toFile(), sidecar);
  }

  private static void writeChannels(Path file, EegRecordingPlan plan) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("name\ttype\tunits\tsampling_frequency\tstatus\tstatus_description\n");
      String rate = number(plan.format().samplingRate());
      for (String name : TenTwentyMontage.names()) {
        boolean bad = name.equals(plan.badChannel());
        w.write(name + "\tEEG\t" + UNITS + "\t" + rate + "\t" + (bad ? "bad" : "good") + "\t"
            + (bad ? "loose electrode: broadband noise and strong line noise" : "n/a") + "\n");
      }
    }
  }

  private static void writeEvents(Path file, EegRecordingPlan plan) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("onset\tduration\ttrial_type\n");
      double block = plan.seconds() / (double) EVENT_BLOCKS;
      for (int b = 0; b < EVENT_BLOCKS; b++) {
        w.write(number(b * block) + "\t" + number(block) + "\t"
            + (b % 2 == 0 ? "eyes_open" : "eyes_closed") + "\n");
      }
    }
  }

  private static void writeElectrodes(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("name\tx\ty\tz\n");
      for (TenTwentyMontage.Electrode e : TenTwentyMontage.electrodes()) {
        w.write(String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f\n", e.name(), e.x(), e.y(),
            e.z()));
      }
    }
  }

  private void writeCoordinateSystem(Path file) throws IOException {
    ObjectNode system = json.createObjectNode();
    system.put("EEGCoordinateSystem", "Other");
    system.put("EEGCoordinateUnits", "m");
    system.put("EEGCoordinateSystemDescription", "Approximate positions: the idealised 10-20 "
        + "angles on a sphere of radius 95 mm centred in the head; x towards the right "
        + "preauricular point, y towards the nasion, z up through Cz (RAS).");
    json.writeValue(file.toFile(), system);
  }

  /** A number without a trailing {@code .0} when it is whole. */
  static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
