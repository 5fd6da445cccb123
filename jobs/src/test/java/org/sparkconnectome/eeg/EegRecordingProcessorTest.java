package org.sparkconnectome.eeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.formats.eeg.EdfWriter;
import org.sparkconnectome.formats.eeg.EegFiles;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.kernels.spectral.JvmCrossSpectra;
import org.sparkconnectome.stage.RunFailure;

/** The nodes of a recording: a named reference, absent and bad channels are n/a, with reasons. */
class EegRecordingProcessorTest {
  private static final List<String> CHANNELS = List.of("Fz", "Cz", "Pz", "Oz");

  @TempDir
  Path dir;

  private LocalDataSource recording() throws IOException {
    SplittableRandom random = new SplittableRandom(3);
    double[][] volts = new double[CHANNELS.size()][250 * 40];
    for (double[] channel : volts) {
      for (int i = 0; i < channel.length; i++) {
        channel[i] = 10e-6 * random.nextGaussian();
      }
    }
    Path edf = dir.resolve("sub-01_task-rest_eeg.edf");
    try (OutputStream out = Files.newOutputStream(edf)) {
      EdfWriter.write(out, 250, CHANNELS, volts, false);
    }
    return new LocalDataSource(edf);
  }

  private static EegSettings settings(String... overrides) {
    PipelineConfig config = PipelineConfig.defaults();
    for (int i = 0; i < overrides.length; i += 2) {
      config = config.with(overrides[i], overrides[i + 1], "test");
    }
    return EegSettings.from(config);
  }

  private static EegRecordingRun run() {
    return new EegRecordingRun(java.util.Map.of("sub", "01", "task", "rest"),
        "sub-01_task-rest_eeg.edf", "h", "p", null, "bids::sub-01/eeg/sub-01_task-rest_eeg.edf");
  }

  @Test
  void aNamedReferenceAndAChannelTheRecordingLacksAreNotAvailable() throws Exception {
    EegSettings s = settings("eeg.reference", "Cz", "eeg.measures", "coherence",
        "eeg.notch", "off");
    List<String> montage = List.of("Fz", "Cz", "Pz", "Oz", "T7");
    EegResult r = new EegRecordingProcessor(s, montage, new JvmCrossSpectra())
        .process(run(), EegFiles.open(recording()), ChannelTable.none(), null);
    assertTrue(r.unavailable().get("Cz").contains("reference"), r.unavailable().toString());
    assertTrue(r.unavailable().get("T7").contains("not in the recording"),
        r.unavailable().toString());
    double[] alpha = r.matrices().get("coherence").get("alpha");
    assertTrue(Double.isNaN(alpha[1 * 5 + 0]) && Double.isNaN(alpha[4 * 5 + 4]));
    assertEquals(1.0, alpha[0], 1e-12, "a good node's coherence with itself");
    assertEquals("channel Cz", r.reference());
    assertEquals(20, r.epochs());
  }

  @Test
  void aReferenceTheRecordingLacksFailsTheRecordingNamingItsChannels() throws Exception {
    EegSettings s = settings("eeg.reference", "A1");
    RunFailure e = assertThrows(RunFailure.class, () -> new EegRecordingProcessor(s, CHANNELS,
        new JvmCrossSpectra()).process(run(), EegFiles.open(recording()), ChannelTable.none(),
            null));
    assertTrue(e.getMessage().contains("A1") && e.getMessage().contains("Fz, Cz, Pz, Oz"),
        e.getMessage());
  }

  @Test
  void tooFewKeptEpochsFailWithTheCounts() throws Exception {
    EegSettings s = settings("eeg.reject_peak_to_peak_uv", "1", "eeg.notch", "off");
    RunFailure e = assertThrows(RunFailure.class, () -> new EegRecordingProcessor(s, CHANNELS,
        new JvmCrossSpectra()).process(run(), EegFiles.open(recording()), ChannelTable.none(),
            null));
    assertTrue(e.getMessage().contains("0 of 20 epochs"), e.getMessage());
  }
}
