package org.sparkconnectome.eeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Epochs cut from a stream equal those sliced from the whole signal, whatever the blocks. */
class EpochCutterTest {

  private static double[][] signal(int channels, int n) {
    double[][] x = new double[channels][n];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) {
        x[c][i] = c * 100_000 + i;
      }
    }
    return x;
  }

  private static List<double[][]> cut(EpochCutter cutter, double[][] x, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[][]> out = new ArrayList<>();
    int n = x[0].length;
    for (int from = 0; from < n; ) {
      int len = Math.min(n - from, 1 + random.nextInt(97));
      double[][] block = new double[x.length][len];
      for (int c = 0; c < x.length; c++) {
        System.arraycopy(x[c], from, block[c], 0, len);
      }
      out.addAll(cutter.add(block));
      from += len;
    }
    out.addAll(cutter.add(new double[x.length][0]));
    return out;
  }

  @Test
  void backToBackEpochsDropTheIncompleteLastOne() {
    double[][] x = signal(3, 1000);
    for (long seed = 0; seed < 5; seed++) {
      List<double[][]> epochs = cut(new EpochCutter(3, 64), x, seed);
      assertEquals(1000 / 64, epochs.size());
      for (int e = 0; e < epochs.size(); e++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(x[c][e * 64], epochs.get(e)[c][0]);
          assertEquals(x[c][e * 64 + 63], epochs.get(e)[c][63]);
        }
      }
    }
  }

  @Test
  void epochsAroundEventsMayOverlapAndOneRunningPastTheEndIsDropped() {
    double[][] x = signal(2, 1000);
    long[] starts = {0, 10, 40, 500, 501, 900, 990};
    for (long seed = 0; seed < 5; seed++) {
      List<double[][]> epochs = cut(new EpochCutter(2, 50, starts), x, seed);
      assertEquals(6, epochs.size(), "990 + 50 runs past 1000");
      for (int e = 0; e < 6; e++) {
        double[] want = new double[50];
        System.arraycopy(x[1], (int) starts[e], want, 0, 50);
        assertArrayEquals(want, epochs.get(e)[1]);
      }
    }
  }
}
