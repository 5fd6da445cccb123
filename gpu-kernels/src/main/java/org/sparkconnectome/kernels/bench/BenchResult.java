package org.sparkconnectome.kernels.bench;

import java.util.Locale;

/**
 * One benchmark's outcome, printed as the one-line JSON object of the {@code bench} contract.
 *
 * @param kernel "correlation", "smoothing" or "spectral"
 * @param backend the backend that actually ran ("jvm" after a fallback)
 * @param sizesJson the problem's sizes as JSON members, without braces
 * @param seconds median in-process seconds after warm-up
 * @param gflops arithmetic rate in GFLOP/s
 * @param repeats timed repetitions
 */
public record BenchResult(String kernel, String backend, String sizesJson, double seconds,
    double gflops, int repeats) {

  /** The JSON object on one line. */
  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"kernel\":\"%s\",\"backend\":\"%s\",%s,\"seconds\":%.6f,\"gflops\":%.3f,"
            + "\"repeats\":%d}", kernel, backend, sizesJson, seconds, gflops, repeats);
  }
}
