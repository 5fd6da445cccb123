package org.sparkconnectome.kernels.bench;

import java.util.HashMap;
import java.util.Map;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;

/**
 * The benchmarks of {@code connectome bench} without Spark on the classpath (for the scripts in
 * {@code gpu-kernels/bench}): same options, always one JSON line.
 */
public final class BenchMain {

  private BenchMain() {
  }

  /**
   * {@code correlation --n N --t T [--threshold R]}, {@code smoothing --shape X,Y,Z,T ...} or
   * {@code spectral --channels C --samples N --sfreq F --epochs E}.
   */
  public static void main(String[] args) {
    if (args.length == 0 || args.length % 2 == 0) {
      System.err.println("usage: BenchMain correlation|smoothing|spectral --option value ...");
      System.exit(2);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    ComputeBackend backend = ComputeBackend.parse(options.getOrDefault("--backend", "auto"));
    KernelBenchmark.Plan plan = new KernelBenchmark.Plan(
        Integer.parseInt(options.getOrDefault("--warmup", "2")),
        Integer.parseInt(options.getOrDefault("--repeats", "5")),
        Long.parseLong(options.getOrDefault("--seed", "42")));
    BenchResult result;
    if (args[0].equals("correlation")) {
      result = KernelBenchmark.correlation(Integer.parseInt(required(options, "--n")),
          Integer.parseInt(required(options, "--t")), backend,
          Double.parseDouble(options.getOrDefault("--threshold", "NaN")), plan);
    } else if (args[0].equals("smoothing")) {
      String[] shape = required(options, "--shape").split(",");
      double voxel = Double.parseDouble(required(options, "--voxel"));
      VolumeGrid grid = new VolumeGrid(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]),
          Integer.parseInt(shape[2]), voxel, voxel, voxel);
      result = KernelBenchmark.smoothing(grid, Integer.parseInt(shape[3]),
          Double.parseDouble(required(options, "--fwhm")), backend, plan);
    } else if (args[0].equals("spectral")) {
      result = KernelBenchmark.spectral(Integer.parseInt(required(options, "--channels")),
          Integer.parseInt(required(options, "--samples")),
          Double.parseDouble(required(options, "--sfreq")),
          Integer.parseInt(required(options, "--epochs")), backend, plan);
    } else {
      throw new IllegalArgumentException("unknown benchmark " + args[0]
          + ": use correlation, smoothing or spectral");
    }
    System.out.println(result.toJson());
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing option " + name);
    }
    return value;
  }
}
