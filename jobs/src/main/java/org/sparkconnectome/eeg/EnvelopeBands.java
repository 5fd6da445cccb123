package org.sparkconnectome.eeg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.sparkconnectome.signal.spectral.Band;
import org.sparkconnectome.signal.spectral.EnvelopeCorrelation;
import org.sparkconnectome.signal.spectral.FirDesign;
import org.sparkconnectome.signal.spectral.FirFilter;

/**
 * Which epochs the main chain keeps, and the {@code aec} measure of every band (none when it is
 * not asked for): per band, the notched signal band-passed (its own
 * filter chain), cut into the same epochs as the main chain, and the epochs the main chain keeps
 * added to the band's {@link EnvelopeCorrelation}. A band's chain runs ahead or behind the main
 * one by the difference of the filters' lengths, so its epochs wait for their decision.
 */
final class EnvelopeBands {
  private final List<BandEnvelope> bands = new ArrayList<>();
  private final BitSet kept = new BitSet();
  private int decided;

  /**
   * @param before the filters every band's chain starts with (the notch)
   * @param starts the epoch starts, or null for back-to-back epochs
   */
  EnvelopeBands(List<Band> list, List<FirFilter> before, double sfreq, int channels,
      int epochSamples, long[] starts) {
    for (Band band : list) {
      List<FirFilter> chain = new ArrayList<>(before);
      chain.add(FirDesign.bandpass(sfreq, band.low(), band.high()));
      bands.add(new BandEnvelope(new FilterChain(chain, channels),
          new EpochCutter(channels, epochSamples, starts),
          new EnvelopeCorrelation(channels, epochSamples)));
    }
  }

  /** The main chain's decision for its next epoch. */
  void decide(boolean keep) {
    kept.set(decided++, keep);
  }

  /** Epochs the main chain kept. */
  long keptCount() {
    return kept.cardinality();
  }

  /** Feeds a block of the referenced signal (or, with null, ends it) to every band. */
  void push(double[][] referenced) {
    for (BandEnvelope band : bands) {
      band.waiting.addAll(band.epochs.add(referenced == null ? band.chain.finish()
          : band.chain.push(referenced)));
      band.flush();
    }
  }

  /** Each band's envelope correlation over the montage's good channels, in band order. */
  List<double[]> results() {
    List<double[]> out = new ArrayList<>();
    for (BandEnvelope band : bands) {
      band.flush();
      out.add(band.correlation.result());
    }
    return out;
  }

  /** One band: its filter chain, epochs waiting for their decision, and accumulator. */
  private final class BandEnvelope {
    final FilterChain chain;
    final EpochCutter epochs;
    final EnvelopeCorrelation correlation;
    final ArrayDeque<double[][]> waiting = new ArrayDeque<>();
    int next;

    BandEnvelope(FilterChain chain, EpochCutter epochs, EnvelopeCorrelation correlation) {
      this.chain = chain;
      this.epochs = epochs;
      this.correlation = correlation;
    }

    /** Adds the waiting epochs whose decision is known. */
    void flush() {
      List<double[][]> ready = new ArrayList<>();
      while (!waiting.isEmpty() && next < decided) {
        double[][] epoch = waiting.poll();
        if (kept.get(next)) {
          ready.add(epoch);
        }
        next++;
      }
      if (!ready.isEmpty()) {
        correlation.addEpochs(ready.toArray(new double[0][][]));
      }
    }
  }
}
