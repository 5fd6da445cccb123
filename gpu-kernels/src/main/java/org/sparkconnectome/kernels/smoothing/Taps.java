package org.sparkconnectome.kernels.smoothing;

/**
 * Chooses how {@link JvmVolumeSmoother} filters a row: {@link VectorTaps} when the JVM has the
 * incubating Vector API module (bin/connectome, the tests and conf/spark-defaults.conf start
 * JVMs with {@code --add-modules jdk.incubator.vector}), {@link FoldedTaps}' scalar loops
 * otherwise (same values to the bit, about five times slower).
 */
final class Taps {

  /** Whether rows go through the Vector API; fixed when the class loads. */
  static final boolean VECTOR = vectorModulePresent();

  private Taps() {
  }

  private static boolean vectorModulePresent() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      // Loads and links VectorTaps; a JVM whose Vector API cannot start answers here.
      return VectorTaps.lanes() > 1;
    } catch (LinkageError e) {
      return false;
    }
  }

  /** Same contract as {@link FoldedTaps#row} with {@code from = 0}. */
  static void row(float[] src, int centre, int[] below, int[] above, float[] w, float[] dst,
      int dstOffset, int n) {
    if (VECTOR) {
      VectorTaps.row(src, centre, below, above, w, dst, dstOffset, n);
    } else {
      FoldedTaps.row(src, centre, below, above, w, dst, dstOffset, 0, n);
    }
  }

  /** Sets NaN and infinite values among {@code values[0..n)} to 0. */
  static void zeroNonFinite(float[] values, int n) {
    if (VECTOR) {
      VectorTaps.zeroNonFinite(values, n);
    } else {
      FoldedTaps.zeroNonFinite(values, 0, n);
    }
  }
}
