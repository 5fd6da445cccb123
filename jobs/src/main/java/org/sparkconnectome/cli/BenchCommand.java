package org.sparkconnectome.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.bench.BenchResult;
import org.sparkconnectome.kernels.bench.KernelBenchmark;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.sparkconnectome.config.UserException;

/** {@code connectome bench}: times the hot loops in process on seeded random data. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Time a hot loop (median of repetitions after warm-up) on seeded random data; "
        + "with --json the last line is one JSON object.",
    subcommands = {BenchCommand.Correlation.class, BenchCommand.Smoothing.class,
        BenchCommand.Spectral.class, BenchFmriRunCommand.class, BenchJobCommand.class})
final class BenchCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every benchmark shares. */
  static final class Common {

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "B",
        description = "auto, jvm, cuda or opencl (default: auto).")
    String backend;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs (default: 2).")
    int warmups;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs (default: 5).")
    int repeats;

    @Option(names = "--seed", defaultValue = "42", description = "Data seed (default: 42).")
    long seed;

    @Option(names = "--json", description = "Print the result as one JSON line.")
    boolean json;

    ComputeBackend backend() {
      try {
        return ComputeBackend.parse(backend);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
    }

    KernelBenchmark.Plan plan() {
      if (warmups < 0 || repeats < 1) {
        throw new UserException("--warmup must be >= 0 and --repeats >= 1");
      }
      return new KernelBenchmark.Plan(warmups, repeats, seed);
    }

    void print(PrintWriter out, BenchResult result) {
      if (json) {
        out.println(result.toJson());
      } else {
        out.printf("%s on %s: %.4f s (median of %d), %.1f GFLOP/s%n", result.kernel(),
            result.backend(), result.seconds(), result.repeats(), result.gflops());
      }
      out.flush();
    }
  }

  /** A benchmark command: the shared options, and the result printed as text or JSON. */
  abstract static class Benchmark implements Callable<Integer> {
    @Mixin
    Common common;

    @Spec
    CommandSpec spec;

    /** Checks the command's own options, then times the kernel. */
    abstract BenchResult measure();

    @Override
    public final Integer call() {
      common.print(spec.commandLine().getOut(), measure());
      return ConnectomeCli.EXIT_OK;
    }
  }

  /** {@code bench correlation}: z-scoring plus all-pairs Pearson correlation. */
  @Command(name = "correlation", mixinStandardHelpOptions = true,
      description = "Correlate N random series of T time points: the dense N x N matrix, or "
          + "with --threshold the fused sparse path (|r| >= R).")
  static final class Correlation extends Benchmark {

    @Option(names = "--n", required = true, description = "Series (voxels).")
    int n;

    @Option(names = "--t", required = true, description = "Time points per series.")
    int t;

    @Option(names = "--threshold", paramLabel = "R",
        description = "Keep |r| >= R as sparse edges instead of the dense matrix.")
    Double threshold;

    @Override
    BenchResult measure() {
      if (n < 2 || t < 2) {
        throw new UserException("--n and --t must be at least 2");
      }
      if (threshold == null && (long) n * n > Integer.MAX_VALUE - 8) {
        throw new UserException("a dense " + n + " x " + n + " matrix does not fit one array: "
            + "use --threshold for N above 46340");
      }
      if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
        throw new UserException("--threshold must be in [0, 1], got " + threshold);
      }
      return KernelBenchmark.correlation(n, t, common.backend(),
          threshold == null ? Double.NaN : threshold, common.plan());
    }
  }

  /** {@code bench spectral}: tapered epoch FFTs plus the cross-spectral epoch sums. */
  @Command(name = "spectral", mixinStandardHelpOptions = true,
      description = "Hann-tapered FFTs of E random epochs of C channels x N samples, then the "
          + "cross-spectral epoch sums of every channel pair and bin in [1, 45) Hz.")
  static final class Spectral extends Benchmark {

    @Option(names = "--channels", defaultValue = "64", description = "Channels (default: 64).")
    int channels;

    @Option(names = "--samples", defaultValue = "500",
        description = "Samples per epoch (default: 500).")
    int samples;

    @Option(names = "--sfreq", defaultValue = "250",
        description = "Sampling rate in Hz (default: 250).")
    double sfreq;

    @Option(names = "--epochs", defaultValue = "300", description = "Epochs (default: 300).")
    int epochs;

    @Override
    BenchResult measure() {
      if (channels < 1 || samples < 2 || epochs < 1 || !(sfreq > 90)) {
        throw new UserException("--channels, --epochs must be >= 1, --samples >= 2 and "
            + "--sfreq above 90 Hz (bins up to 45 Hz)");
      }
      return KernelBenchmark.spectral(channels, samples, sfreq, epochs, common.backend(),
          common.plan());
    }
  }

  /** {@code bench smoothing}: separable 3D Gaussian smoothing of a 4D series. */
  @Command(name = "smoothing", mixinStandardHelpOptions = true,
      description = "Smooth T random volumes of X x Y x Z voxels with a Gaussian of the given "
          + "FWHM (nilearn conventions).")
  static final class Smoothing extends Benchmark {

    @Option(names = "--shape", required = true, split = ",", paramLabel = "X,Y,Z,T",
        description = "Volume shape and number of volumes.")
    int[] shape;

    @Option(names = "--fwhm", required = true, paramLabel = "MM", description = "FWHM in mm.")
    double fwhm;

    @Option(names = "--voxel", required = true, paramLabel = "MM",
        description = "Isotropic voxel size in mm.")
    double voxel;

    @Override
    BenchResult measure() {
      if (shape.length != 4 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1 || shape[3] < 1) {
        throw new UserException("--shape expects X,Y,Z,T, all positive");
      }
      if (!(fwhm > 0) || !(voxel > 0)) {
        throw new UserException("--fwhm and --voxel must be positive mm");
      }
      VolumeGrid grid = new VolumeGrid(shape[0], shape[1], shape[2], voxel, voxel, voxel);
      return KernelBenchmark.smoothing(grid, shape[3], fwhm, common.backend(), common.plan());
    }
  }
}
