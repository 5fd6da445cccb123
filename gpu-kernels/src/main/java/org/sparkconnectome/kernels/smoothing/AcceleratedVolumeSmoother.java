package org.sparkconnectome.kernels.smoothing;

import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.DeviceBuffer;
import org.sparkconnectome.kernels.accel.HostBuffer;

/**
 * {@link VolumeSmoother} on an accelerator (kernels of {@code smoothing.cu}): the batch goes over
 * in as few transfers as device memory allows, through one page-locked host buffer, and the three
 * axis passes ping-pong between two device buffers. Passes run in float, so results differ from
 * the JVM reference (double) by float rounding only.
 */
public final class AcceleratedVolumeSmoother implements VolumeSmoother {

  private static final int THREADS = 256;

  private final Accelerator accelerator;

  /** A smoother on the given accelerator. */
  public AcceleratedVolumeSmoother(Accelerator accelerator) {
    this.accelerator = accelerator;
  }

  @Override
  public String backendName() {
    return accelerator.name();
  }

  @Override
  public void smooth(float[][] volumes, VolumeGrid grid, double fwhmMm) {
    SmoothingArguments.check(volumes, grid, fwhmMm);
    if (fwhmMm == 0 || volumes.length == 0) {
      return;
    }
    double[][] weights = {
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelX())),
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelY())),
        GaussianKernel.weights(GaussianKernel.sigmaInVoxels(fwhmMm, grid.voxelZ())),
    };
    int voxels = grid.voxelCount();
    long volumeBytes = 4L * voxels;
    long fit = Math.max(1, accelerator.workingMemoryBytes() / (2 * volumeBytes));
    int perChunk = (int) Math.min(Math.min(volumes.length, fit), Integer.MAX_VALUE / voxels);
    synchronized (accelerator) {
      try (DeviceBuffer a = accelerator.allocate(perChunk * volumeBytes, "a batch of volumes");
          DeviceBuffer b = accelerator.allocate(perChunk * volumeBytes, "smoothing work space");
          DeviceBuffer wx = upload(weights[0]);
          DeviceBuffer wy = upload(weights[1]);
          DeviceBuffer wz = upload(weights[2]);
          HostBuffer host = accelerator.allocateHost(perChunk * volumeBytes, "volume transfers")) {
        for (int first = 0; first < volumes.length; first += perChunk) {
          int count = Math.min(perChunk, volumes.length - first);
          for (int v = 0; v < count; v++) {
            host.putFloats((long) v * voxels, volumes[first + v], 0, voxels);
          }
          accelerator.upload(host, a, 0, count * volumeBytes);
          int values = count * voxels;
          accelerator.launch("zero_non_finite", blocks(values), 1, THREADS, 1, a, values);
          DeviceBuffer in = a;
          DeviceBuffer out = b;
          DeviceBuffer[] axisWeights = {wx, wy, wz};
          for (int axis = 0; axis < 3; axis++) {
            accelerator.launch("smooth_axis", blocks(voxels), count, THREADS, 1, in, out,
                grid.nx(), grid.ny(), grid.nz(), axis, axisWeights[axis],
                weights[axis].length / 2);
            DeviceBuffer swap = in;
            in = out;
            out = swap;
          }
          accelerator.download(in, 0, host, count * volumeBytes);
          for (int v = 0; v < count; v++) {
            host.getFloats((long) v * voxels, volumes[first + v], 0, voxels);
          }
        }
      }
    }
  }

  private DeviceBuffer upload(double[] weights) {
    float[] asFloat = new float[weights.length];
    for (int i = 0; i < weights.length; i++) {
      asFloat[i] = (float) weights[i];
    }
    DeviceBuffer buffer = accelerator.allocate(4L * asFloat.length, "kernel weights");
    try (HostBuffer host = accelerator.allocateHost(4L * asFloat.length, "kernel weights")) {
      host.putFloats(0, asFloat, 0, asFloat.length);
      accelerator.upload(host, buffer, 0, 4L * asFloat.length);
    }
    return buffer;
  }

  private static int blocks(int threads) {
    return (threads + THREADS - 1) / THREADS;
  }
}
