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
import org.sparkconnectome.kernels.ComputeBackend;
import org.sparkconnectome.kernels.smoothing.Smoothers;
import org.sparkconnectome.kernels.smoothing.VolumeGrid;
import org.sparkconnectome.kernels.smoothing.VolumeSmoother;

/** JMH: smoothing a batch of MNI 2 mm volumes per backend. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SmoothingBenchmark {

  @Param({"jvm"})
  public String backend;

  @Param({"50"})
  public int volumes;

  private final VolumeGrid grid = new VolumeGrid(91, 109, 91, 2, 2, 2);
  private VolumeSmoother smoother;
  private float[][] batch;

  @Setup
  public void setUp() {
    smoother = Smoothers.create(ComputeBackend.parse(backend));
    Random random = new Random(42);
    batch = new float[volumes][grid.voxelCount()];
    for (float[] volume : batch) {
      for (int i = 0; i < volume.length; i++) {
        volume[i] = (float) random.nextGaussian();
      }
    }
  }

  @Benchmark
  public float smoothBatch() {
    smoother.smooth(batch, grid, 6.0);
    return batch[0][0];
  }
}
