package org.sparkconnectome.eeg;

import java.util.List;
import java.util.Map;

/**
 * One recording's connectomes and QC.
 *
 * @param format the file format ({@code edf}, {@code bdf}, {@code brainvision}, ...)
 * @param nodes the montage: every matrix's rows and columns
 * @param unavailable the nodes that are n/a in this recording, with the reason
 * @param epochSamples samples per epoch
 * @param epoching how the epochs were cut, in words
 * @param epochs epochs cut from the recording
 * @param rejected epochs rejected by peak-to-peak amplitude
 * @param lineNoiseDb the line-noise QC ({@link LineNoise}), NaN when no line frequency is known
 * @param lineHz the line frequency notched (0 for none)
 * @param reference the re-reference, in words
 * @param filters the filters applied, in order, each with its design
 * @param taper the spectra's tapers in words
 * @param backend where the cross-spectral kernel ran
 * @param matrices measure -> band -> montage x montage, row-major (NaN for n/a nodes)
 * @param channelsTable the channels table read, or null
 */
public record EegResult(EegRecordingRun run, String format, double samplingRate,
    long samples, List<String> nodes, Map<String, String> unavailable, int epochSamples,
    String epoching, long epochs, long rejected, double lineNoiseDb, double lineHz,
    String reference, List<String> filters, String taper, String backend,
    Map<String, Map<String, double[]>> matrices, List<String> warnings, String channelsTable) {

  /** Epochs that entered the matrices. */
  public long keptEpochs() {
    return epochs - rejected;
  }

  /** The recording's length in seconds. */
  public double durationSeconds() {
    return samples / samplingRate;
  }
}
