package org.sparkconnectome.eeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
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

  /**
   * A valid header declaring 3,000,000 one-second records (750 million samples a channel, 12 GB
   * as float32) over a file as long as declared (sparse: a few KB are written): refused before
   * the recording's buffers exist, naming the file, its dimensions and the budget. (Without the
   * check the 6 GB of zeros are streamed: the timeout ends that.)
   */
  @Test
  @Timeout(60)
  void aRecordingLongerThanTheTaskBudgetIsRefusedFromItsHeader() throws Exception {
    LocalDataSource edf = recording();
    declare(edf.path(), 3_000_000, null);
    FormatException e = assertThrows(FormatException.class, () -> new EegRecordingProcessor(
        settings(), CHANNELS, new JvmCrossSpectra()).process(run(), EegFiles.open(edf),
            ChannelTable.none(), null));
    String m = e.getMessage();
    assertTrue(m.startsWith("bids::sub-01/eeg/sub-01_task-rest_eeg.edf: the EEG recording"), m);
    assertTrue(m.contains("4 x 750000000"), m);
    assertTrue(m.contains("11.18 GiB (12000000000 bytes)"), m);
    assertTrue(m.contains("run.task_memory_budget_gb"), m);
  }

  /**
   * A header whose records last a microsecond: 250 million samples a second, so a second's
   * block of samples is 2 GB a channel and an epoch 4 GB, although the recording holds 10,000
   * samples a channel. Refused before the block is allocated (which would throw
   * OutOfMemoryError in this JVM); a larger budget that holds the buffers admits it.
   */
  @Test
  @Timeout(60)
  void aRateWhoseBuffersExceedTheTaskBudgetIsRefusedBeforeTheyAreAllocated() throws Exception {
    LocalDataSource edf = recording();
    declare(edf.path(), 40, "0.000001");
    FormatException e = assertThrows(FormatException.class, () -> new EegRecordingProcessor(
        settings(), CHANNELS, new JvmCrossSpectra()).process(run(), EegFiles.open(edf),
            ChannelTable.none(), null));
    String m = e.getMessage();
    assertTrue(m.startsWith("bids::sub-01/eeg/sub-01_task-rest_eeg.edf: a block of samples and "
        + "36 epochs of every channel at 2.5E8 Hz (channels x samples as doubles) for declared "
        + "dimensions 4 x 18250000000"), m);
    assertTrue(m.contains("run.task_memory_budget_gb"), m);
    MemoryBudget large = MemoryBudget.ofGigabytes(1e6, "run.task_memory_budget_gb");
    EegRecordingProcessor.requireFits(EegFiles.open(edf), "f.edf", 2, large);
  }

  /**
   * Rewrites the EDF header's record count (and, when given, record duration) and makes the
   * file as long as the count declares.
   */
  private static void declare(Path edf, long records, String recordSeconds) throws IOException {
    byte[] header = new byte[256];
    try (RandomAccessFile raf = new RandomAccessFile(edf.toFile(), "rw")) {
      raf.readFully(header);
      int headerBytes = Integer.parseInt(field(header, 184).strip());
      assertEquals("40", field(header, 236).strip(), "the written file's record count");
      long recordBytes = (raf.length() - headerBytes) / 40;
      raf.seek(236);
      raf.write(padded(Long.toString(records)));
      if (recordSeconds != null) {
        raf.seek(244);
        raf.write(padded(recordSeconds));
      }
      raf.setLength(headerBytes + records * recordBytes);
    }
  }

  private static String field(byte[] header, int at) {
    return new String(header, at, 8, StandardCharsets.US_ASCII);
  }

  private static byte[] padded(String text) {
    return String.format("%-8s", text).getBytes(StandardCharsets.US_ASCII);
  }
}
