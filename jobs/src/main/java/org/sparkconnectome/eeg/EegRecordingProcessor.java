package org.sparkconnectome.eeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.eeg.EegRecording;
import org.sparkconnectome.formats.eeg.EegSampleStream;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.kernels.spectral.CrossSpectralKernel;
import org.sparkconnectome.signal.spectral.FirDesign;
import org.sparkconnectome.signal.spectral.FirFilter;
import org.sparkconnectome.signal.spectral.SpectralConnectivity;
import org.sparkconnectome.signal.spectral.SpectralSettings;
import org.sparkconnectome.stage.RunFailure;

/**
 * Turns one EEG recording into connectomes between the montage's channels, in one streaming
 * pass: memory is a block of samples, the filters' state and a chunk of epochs, whatever the
 * recording's length (a 24-hour recording never has to fit).
 *
 * <p>Per block: the good channels of the montage are taken in volts and re-referenced
 * (average of the good channels, none, or a named channel: {@link RecordingNodes}), then
 * (1) notched at the line frequency and its harmonics and band-passed (MNE's default
 * zero-phase FIR designs), cut into epochs, the epochs over the peak-to-peak threshold
 * rejected, and the kept ones' tapered spectra summed into {@link SpectralConnectivity};
 * (2) for {@code aec}, the notched signal band-passed per band and cut into the same epochs
 * ({@link EnvelopeBands}); (3) the referenced, unfiltered epochs give the line-noise QC.
 * Channels that a recording lacks or marks bad are n/a rows and columns.
 */
final class EegRecordingProcessor {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Epochs transformed together: the kernel's batch. */
  private static final int CHUNK = 32;

  private final EegSettings settings;
  private final List<String> montage;
  private final CrossSpectralKernel kernel;
  private final MemoryBudget budget;

  EegRecordingProcessor(EegSettings settings, List<String> montage, CrossSpectralKernel kernel) {
    this(settings, montage, kernel, MemoryBudget.DEFAULT);
  }

  /** @param budget what the task may hold ({@code run.task_memory_budget_gb}) */
  EegRecordingProcessor(EegSettings settings, List<String> montage, CrossSpectralKernel kernel,
      MemoryBudget budget) {
    this.settings = settings;
    this.montage = montage;
    this.kernel = kernel;
    this.budget = budget;
  }

  /**
   * Refuses, from the header, a recording that the task budget cannot hold, before any buffer
   * is allocated: its declared size (channels x samples, charged as float32 as a BOLD run is,
   * although it is streamed), and the buffers whose sizes follow the header's rate: one block of
   * a second of samples per channel, the epoch cutters' two epochs and a chunk of {@value
   * #CHUNK} epochs, all as doubles.
   *
   * @param file the recording as messages name it
   */
  static void requireFits(EegRecording recording, String file, double epochSeconds,
      MemoryBudget budget) throws FormatException {
    long channels = recording.channels().size();
    long[] declared = {channels, recording.sampleCount()};
    String what = "the EEG recording (channels x samples as float32)";
    budget.require(file, what, declared,
        MemoryBudget.bytesNeeded(file, what, declared, Float.BYTES));
    double rate = recording.samplingRate();
    long block = Math.max(256, (long) Math.ceil(rate));
    long epoch = Math.max(1, Math.round(epochSeconds * rate));
    budget.arrayLength(file, "one channel's block of samples (a second at " + rate + " Hz)",
        new long[] {block}, Double.BYTES);
    budget.arrayLength(file, "one channel's epoch buffer (two epochs of " + epochSeconds
        + " s at " + rate + " Hz)", new long[] {2, epoch}, Double.BYTES);
    long[] buffers = {channels, block + (4 + CHUNK) * epoch};
    String working = "a block of samples and " + (4 + CHUNK) + " epochs of every channel at "
        + rate + " Hz (channels x samples as doubles)";
    budget.require(file, working, buffers,
        MemoryBudget.bytesNeeded(file, working, buffers, Double.BYTES));
  }

  /**
   * @param events the recording's events table, or null (needed for {@code eeg.epochs: events})
   */
  EegResult process(EegRecordingRun run, EegRecording recording, ChannelTable table,
      DataSource events) throws IOException, RunFailure {
    requireFits(recording, run.sourceUri(), settings.epochSeconds(), budget);
    double sfreq = recording.samplingRate();
    List<String> warnings = new ArrayList<>();
    JsonNode sidecar = sidecar(run);
    checkSidecarRate(sidecar, sfreq, warnings);
    int epochSamples = (int) Math.round(settings.epochSeconds() * sfreq);
    if (Math.abs(epochSamples - settings.epochSeconds() * sfreq) > 1e-6) {
      warnings.add(String.format(Locale.ROOT, "eeg.epoch_seconds %s s is not a whole number of "
          + "samples at %s Hz: epochs of %d samples", settings.epochSeconds(), sfreq,
          epochSamples));
    }
    long[] starts = null;
    String epoching = String.format(Locale.ROOT, "back-to-back epochs of %s s from the first "
        + "sample", settings.epochSeconds());
    if (settings.eventEpochs()) {
      if (events == null) {
        throw new RunFailure("eeg.epochs is events but " + run.sourceUri() + " has no "
            + "_events.tsv beside it");
      }
      starts = EventOnsets.starts(events, settings.eventTypes(), settings.eventOffsetSeconds(),
          sfreq);
      epoching = String.format(Locale.ROOT, "epochs of %s s starting %s s from the onset of "
          + "each %s event", settings.epochSeconds(), settings.eventOffsetSeconds(),
          settings.eventTypes().isEmpty() ? "" : String.join("/", settings.eventTypes()));
    }
    RecordingNodes nodes = new RecordingNodes(settings, montage, recording, table);
    int good = nodes.count();
    if (good < 2) {
      throw new RunFailure("fewer than two good channels of the montage in " + run.sourceUri()
          + " (" + String.join("; ", nodes.unavailable().values()) + ")");
    }
    double lineHz = lineFrequency(sidecar, warnings);
    List<FirFilter> main = new ArrayList<>();
    List<FirFilter> notchOnly = new ArrayList<>();
    List<String> filterText = new ArrayList<>();
    double[] harmonics = harmonics(lineHz, sfreq);
    if (harmonics.length > 0) {
      FirFilter notch = FirDesign.notch(sfreq, harmonics);
      main.add(notch);
      notchOnly.add(notch);
      filterText.add(notch.description());
    }
    if (settings.bandpass() != null) {
      FirFilter bandpass = FirDesign.bandpass(sfreq, settings.bandpass()[0],
          settings.bandpass()[1]);
      main.add(bandpass);
      filterText.add(bandpass.description());
    }
    SpectralSettings spectral = settings.spectral();
    SpectralConnectivity connectivity = spectral.spectralMeasures().isEmpty() ? null
        : SpectralConnectivity.create(spectral, good, sfreq, epochSamples, kernel);
    boolean aec = spectral.measures().contains(SpectralSettings.AEC);
    EnvelopeBands envelopes = new EnvelopeBands(aec ? spectral.bands() : List.of(), notchOnly,
        sfreq, good, epochSamples, starts);
    FilterChain mainChain = new FilterChain(main, good);
    EpochCutter mainEpochs = new EpochCutter(good, epochSamples, starts);
    EpochCutter rawEpochs = new EpochCutter(good, epochSamples);
    LineNoise lineNoise = lineHz > 0 && lineHz + 4 < sfreq / 2
        ? new LineNoise(sfreq, lineHz, epochSamples, good) : null;
    List<double[][]> chunk = new ArrayList<>();

    int channels = recording.channels().size();
    double[][] block = new double[channels][Math.max(256, (int) Math.ceil(sfreq))];
    try (EegSampleStream stream = recording.stream()) {
      while (true) {
        int n = stream.read(block);
        boolean end = n <= 0;
        double[][] referenced = end ? null : nodes.referenced(block, n);
        if (!end && lineNoise != null) {
          rawEpochs.add(referenced).forEach(lineNoise::add);
        }
        for (double[][] epoch : mainEpochs.add(end ? mainChain.finish()
            : mainChain.push(referenced))) {
          boolean keep = settings.rejectPeakToPeakVolts() <= 0
              || peakToPeak(epoch) <= settings.rejectPeakToPeakVolts();
          envelopes.decide(keep);
          if (keep && connectivity != null) {
            chunk.add(epoch);
            if (chunk.size() == CHUNK) {
              connectivity.addEpochs(chunk.toArray(new double[0][][]));
              chunk.clear();
            }
          }
        }
        envelopes.push(referenced);
        if (end) {
          break;
        }
      }
    }
    if (connectivity != null && !chunk.isEmpty()) {
      connectivity.addEpochs(chunk.toArray(new double[0][][]));
    }
    long total = mainEpochs.emitted();
    long kept = envelopes.keptCount();
    if (kept < settings.minEpochs()) {
      throw new RunFailure(String.format(Locale.ROOT, "%d of %d epochs of %s s kept, fewer "
          + "than eeg.min_epochs %d (eeg.reject_peak_to_peak_uv %s rejected %d; the recording "
          + "lasts %.1f s)", kept, total, settings.epochSeconds(), settings.minEpochs(),
          settings.rejectPeakToPeakVolts() * 1e6, total - kept,
          recording.sampleCount() / sfreq));
    }
    Map<String, Map<String, double[]>> matrices = new LinkedHashMap<>();
    if (connectivity != null) {
      connectivity.result().forEach((measure, bands) -> {
        Map<String, double[]> expanded = new LinkedHashMap<>();
        bands.forEach((band, m) -> expanded.put(band, nodes.expand(m)));
        matrices.put(measure, expanded);
      });
    }
    if (aec) {
      Map<String, double[]> perBand = new LinkedHashMap<>();
      List<double[]> results = envelopes.results();
      for (int b = 0; b < results.size(); b++) {
        perBand.put(spectral.bands().get(b).name(), nodes.expand(results.get(b)));
      }
      matrices.put(SpectralSettings.AEC, perBand);
    }
    return new EegResult(run, recording.format(), sfreq, recording.sampleCount(), montage,
        nodes.unavailable(), epochSamples, epoching, total, total - kept,
        lineNoise == null ? Double.NaN : lineNoise.decibels(), lineHz, nodes.referenceText(),
        List.copyOf(filterText), connectivity == null ? "none" : connectivity.taperDescription(),
        connectivity == null ? "jvm" : connectivity.backendName(), matrices, warnings,
        table.file());
  }

  private static double peakToPeak(double[][] epoch) {
    double worst = 0;
    for (double[] channel : epoch) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : channel) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      worst = Math.max(worst, max - min);
    }
    return worst;
  }

  /** The line frequency to notch: the setting's, the sidecar's PowerLineFrequency, or 0. */
  private double lineFrequency(JsonNode sidecar, List<String> warnings) {
    if (!Double.isNaN(settings.notchHz())) {
      return settings.notchHz();
    }
    JsonNode line = sidecar == null ? null : sidecar.get("PowerLineFrequency");
    if (line != null && line.isNumber() && line.asDouble() > 0) {
      return line.asDouble();
    }
    warnings.add("eeg.notch auto: the sidecar gives no PowerLineFrequency; no notch filter.");
    return 0;
  }

  /** The line frequency and its harmonics that a notch can be designed for below Nyquist. */
  private static double[] harmonics(double lineHz, double sfreq) {
    if (!(lineHz > 0)) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    // MNE's default notch is 1 Hz wide in transition plus f/200: stay clear of Nyquist.
    for (double f = lineHz; f + 1 + f / 200 < sfreq / 2; f += lineHz) {
      out.add(f);
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void checkSidecarRate(JsonNode sidecar, double sfreq,
      List<String> warnings) {
    JsonNode rate = sidecar == null ? null : sidecar.get("SamplingFrequency");
    if (rate != null && rate.isNumber() && Math.abs(rate.asDouble() - sfreq) > 1e-6) {
      warnings.add("the sidecar's SamplingFrequency " + rate.asDouble() + " Hz differs from "
          + "the file's " + sfreq + " Hz: using the file's.");
    }
  }

  /** The merged {@code _eeg.json}, or null (none, or not JSON: the scan reports that). */
  private static JsonNode sidecar(EegRecordingRun run) {
    if (run.sidecar() == null) {
      return null;
    }
    try {
      return JSON.readTree(run.sidecar());
    } catch (IOException e) {
      return null;
    }
  }
}
