package org.sparkconnectome.kernels.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.correlation.Correlators;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.VoxelCorrelator;
import org.sparkconnectome.kernels.correlation.VoxelSeries;

/** JMH: dense and thresholded voxel correlation per backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class CorrelationBenchmark {

  @Param({"jvm"})
  public String backend;

  @Param({"8000"})
  public int n;

  @Param({"1200"})
  public int t;

  private VoxelCorrelator correlator;
  private VoxelSeries series;
  private float[] dense;

  @Setup
  public void setUp() {
    correlator = Correlators.create(ComputeBackend.parse(backend));
    Random random = new Random(42);
    float[] values = new float[n * t];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    series = new VoxelSeries(values, t, n);
    dense = new float[n * n];
  }

  @Benchmark
  public float denseMatrix() {
    correlator.correlateDense(series, dense);
    return dense[n + 1];
  }

  @Benchmark
  public void thresholdEdges(Blackhole sink) {
    correlator.correlate(series, EdgeSelection.absoluteAtLeast(0.1),
        (rows, cols, values, count) -> sink.consume(count));
  }
}
