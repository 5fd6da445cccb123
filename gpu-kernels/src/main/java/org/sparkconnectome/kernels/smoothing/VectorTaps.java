package org.sparkconnectome.kernels.smoothing;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FoldedTaps#row} with the Java Vector API (jdk.incubator.vector): C2 does not
 * auto-vectorise loops that read one array at several loop-invariant offsets, which every
 * folded tap does, so the scalar loops run at about a fifth of this speed.
 *
 * <p>Only touched through {@link Taps}, which loads this class when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and uses the scalar loops otherwise. Each lane
 * evaluates the same expression in the same order as the scalar loop (multiply, then add; no
 * fused multiply-add), so both give the same bits. The loops have a fixed number of taps each
 * (one to three pairs), so that every vector stays in registers.
 */
final class VectorTaps {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  private VectorTaps() {
  }

  /** Lanes per vector of the preferred species (16 with AVX-512, 8 with AVX2). */
  static int lanes() {
    return SPECIES.length();
  }

  /** Same contract as {@link FoldedTaps#row} with {@code from = 0}. */
  static void row(float[] src, int centre, int[] below, int[] above, float[] w, float[] dst,
      int dstOffset, int n) {
    int radius = w.length - 1;
    int bound = SPECIES.loopBound(n);
    int k = Math.min(3, radius);
    centre(src, centre, below, above, w, k, dst, dstOffset, bound);
    while (k < radius) {
      int group = Math.min(3, radius - k);
      add(src, below, above, w, k, group, dst, dstOffset, bound);
      k += group;
    }
    if (bound < n) {
      FoldedTaps.row(src, centre, below, above, w, dst, dstOffset, bound, n);
    }
  }

  /** The centre and the first {@code pairs} (0 to 3) pairs, written over dst. */
  private static void centre(float[] s, int c, int[] below, int[] above, float[] w, int pairs,
      float[] d, int o, int bound) {
    int step = SPECIES.length();
    float w0 = w[0];
    if (pairs == 0) {
      for (int i = 0; i < bound; i += step) {
        FloatVector.fromArray(SPECIES, s, c + i).mul(w0).intoArray(d, o + i);
      }
      return;
    }
    int b1 = below[0];
    int a1 = above[0];
    float w1 = w[1];
    if (pairs == 1) {
      for (int i = 0; i < bound; i += step) {
        FloatVector.fromArray(SPECIES, s, c + i).mul(w0)
            .add(pair(s, b1 + i, a1 + i).mul(w1)).intoArray(d, o + i);
      }
      return;
    }
    int b2 = below[1];
    int a2 = above[1];
    float w2 = w[2];
    if (pairs == 2) {
      for (int i = 0; i < bound; i += step) {
        FloatVector.fromArray(SPECIES, s, c + i).mul(w0)
            .add(pair(s, b1 + i, a1 + i).mul(w1))
            .add(pair(s, b2 + i, a2 + i).mul(w2)).intoArray(d, o + i);
      }
      return;
    }
    int b3 = below[2];
    int a3 = above[2];
    float w3 = w[3];
    for (int i = 0; i < bound; i += step) {
      FloatVector.fromArray(SPECIES, s, c + i).mul(w0)
          .add(pair(s, b1 + i, a1 + i).mul(w1))
          .add(pair(s, b2 + i, a2 + i).mul(w2))
          .add(pair(s, b3 + i, a3 + i).mul(w3)).intoArray(d, o + i);
    }
  }

  /** Pairs {@code first + 1 .. first + pairs} (1 to 3 of them) added onto dst. */
  private static void add(float[] s, int[] below, int[] above, float[] w, int first, int pairs,
      float[] d, int o, int bound) {
    int step = SPECIES.length();
    int b1 = below[first];
    int a1 = above[first];
    float w1 = w[first + 1];
    if (pairs == 1) {
      for (int i = 0; i < bound; i += step) {
        FloatVector.fromArray(SPECIES, d, o + i)
            .add(pair(s, b1 + i, a1 + i).mul(w1)).intoArray(d, o + i);
      }
      return;
    }
    int b2 = below[first + 1];
    int a2 = above[first + 1];
    float w2 = w[first + 2];
    if (pairs == 2) {
      for (int i = 0; i < bound; i += step) {
        FloatVector.fromArray(SPECIES, d, o + i)
            .add(pair(s, b1 + i, a1 + i).mul(w1))
            .add(pair(s, b2 + i, a2 + i).mul(w2)).intoArray(d, o + i);
      }
      return;
    }
    int b3 = below[first + 2];
    int a3 = above[first + 2];
    float w3 = w[first + 3];
    for (int i = 0; i < bound; i += step) {
      FloatVector.fromArray(SPECIES, d, o + i)
          .add(pair(s, b1 + i, a1 + i).mul(w1))
          .add(pair(s, b2 + i, a2 + i).mul(w2))
          .add(pair(s, b3 + i, a3 + i).mul(w3)).intoArray(d, o + i);
    }
  }

  /** Sets NaN and infinite values among {@code values[0..n)} to 0. */
  static void zeroNonFinite(float[] values, int n) {
    int bound = SPECIES.loopBound(n);
    for (int i = 0; i < bound; i += SPECIES.length()) {
      FloatVector v = FloatVector.fromArray(SPECIES, values, i);
      VectorMask<Float> bad =
          v.test(VectorOperators.IS_NAN).or(v.test(VectorOperators.IS_INFINITE));
      if (bad.anyTrue()) {
        v.blend(0f, bad).intoArray(values, i);
      }
    }
    FoldedTaps.zeroNonFinite(values, bound, n);
  }

  private static FloatVector pair(float[] s, int below, int above) {
    return FloatVector.fromArray(SPECIES, s, below).add(FloatVector.fromArray(SPECIES, s, above));
  }
}
