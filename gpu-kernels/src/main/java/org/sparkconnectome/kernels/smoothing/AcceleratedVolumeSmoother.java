package org.sparkconnectome.kernels.smoothing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.kernels.accel.Accelerator;
import org.sparkconnectome.kernels.accel.DeviceBuffer;
import org.sparkconnectome.kernels.accel.HostBuffer;

/**
 * {@link VolumeSmoother} on an accelerator (kernels of {@code smoothing.cu}): the batch goes over
 * in as few transfers as device memory allows, through one page-locked host buffer, and the three
 * axis passes ping-pong between two device buffers. Passes run in float, so results differ from
 * the JVM reference (double) by float rounding only.
 *
 * <p>The device buffers, the page-locked buffer and the weights live in one {@link Workspace} per
 * accelerator, kept for the life of the JVM (one executor) and grown when a larger batch comes,
 * so a run's calls allocate nothing after the first; the accelerator's lock is held per batch,
 * not per volume.
 */
public final class AcceleratedVolumeSmoother implements VolumeSmoother {

  private static final int THREADS = 256;
  /** Volumes per call the pipeline is asked to gather (bounded again by device memory). */
  private static final int BATCH_VOLUMES = 64;
  /** Taps per axis the weight buffers hold (a 6 mm FWHM on 1 mm voxels needs 21). */
  private static final int MAX_TAPS = 4096;

  /** The reused buffers, one set per accelerator; guarded by the accelerator's monitor. */
  private static final Map<Accelerator, Workspace> WORKSPACES = new IdentityHashMap<>();

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
  public int batchVolumes() {
    return BATCH_VOLUMES;
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
    for (double[] axis : weights) {
      if (axis.length > MAX_TAPS) {
        throw new IllegalArgumentException("a FWHM of " + fwhmMm + " mm needs " + axis.length
            + " taps on grid " + grid + ", more than the " + MAX_TAPS + " the device holds");
      }
    }
    synchronized (accelerator) {
      Workspace work = workspace(perChunk * volumeBytes);
      DeviceBuffer[] axisWeights = {work.weightsX, work.weightsY, work.weightsZ};
      for (int axis = 0; axis < 3; axis++) {
        float[] asFloat = new float[weights[axis].length];
        for (int i = 0; i < asFloat.length; i++) {
          asFloat[i] = (float) weights[axis][i];
        }
        work.host.putFloats(0, asFloat, 0, asFloat.length);
        accelerator.upload(work.host, axisWeights[axis], 0, 4L * asFloat.length);
      }
      for (int first = 0; first < volumes.length; first += perChunk) {
        int count = Math.min(perChunk, volumes.length - first);
        for (int v = 0; v < count; v++) {
          work.host.putFloats((long) v * voxels, volumes[first + v], 0, voxels);
        }
        accelerator.upload(work.host, work.a, 0, count * volumeBytes);
        int values = count * voxels;
        accelerator.launch("zero_non_finite", blocks(values), 1, THREADS, 1, work.a, values);
        DeviceBuffer in = work.a;
        DeviceBuffer out = work.b;
        for (int axis = 0; axis < 3; axis++) {
          accelerator.launch("smooth_axis", blocks(voxels), count, THREADS, 1, in, out,
              grid.nx(), grid.ny(), grid.nz(), axis, axisWeights[axis],
              weights[axis].length / 2);
          DeviceBuffer swap = in;
          in = out;
          out = swap;
        }
        accelerator.download(in, 0, work.host, count * volumeBytes);
        for (int v = 0; v < count; v++) {
          work.host.getFloats((long) v * voxels, volumes[first + v], 0, voxels);
        }
      }
    }
  }

  /** This accelerator's workspace with room for {@code bytes} per buffer; the caller locks. */
  private Workspace workspace(long bytes) {
    Workspace work;
    synchronized (WORKSPACES) {
      work = WORKSPACES.get(accelerator);
    }
    if (work == null || work.bytes < bytes) {
      if (work != null) {
        // Out of the map before it is freed: a failed allocation below must not leave a freed
        // workspace for the next call to use.
        synchronized (WORKSPACES) {
          WORKSPACES.remove(accelerator);
        }
        work.close();
      }
      work = new Workspace(accelerator, bytes);
      synchronized (WORKSPACES) {
        WORKSPACES.put(accelerator, work);
      }
    }
    return work;
  }

  /** Two device buffers of one chunk, its page-locked staging buffer and the axis weights. */
  private static final class Workspace implements AutoCloseable {
    private final long bytes;
    private final DeviceBuffer a;
    private final DeviceBuffer b;
    private final HostBuffer host;
    private final DeviceBuffer weightsX;
    private final DeviceBuffer weightsY;
    private final DeviceBuffer weightsZ;

    Workspace(Accelerator accelerator, long bytes) {
      this.bytes = Math.max(bytes, 4L * MAX_TAPS);
      List<AutoCloseable> made = new ArrayList<>();
      try {
        a = made(made, accelerator.allocate(this.bytes, "a batch of volumes"));
        b = made(made, accelerator.allocate(this.bytes, "smoothing work space"));
        host = made(made, accelerator.allocateHost(this.bytes, "volume transfers"));
        weightsX = made(made, accelerator.allocate(4L * MAX_TAPS, "kernel weights"));
        weightsY = made(made, accelerator.allocate(4L * MAX_TAPS, "kernel weights"));
        weightsZ = made(made, accelerator.allocate(4L * MAX_TAPS, "kernel weights"));
      } catch (RuntimeException e) {
        // What was allocated before the failure is freed, not leaked on the device.
        for (AutoCloseable buffer : made) {
          try {
            buffer.close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
    }

    private static <T extends AutoCloseable> T made(List<AutoCloseable> made, T buffer) {
      made.add(buffer);
      return buffer;
    }

    @Override
    public void close() {
      a.close();
      b.close();
      host.close();
      weightsX.close();
      weightsY.close();
      weightsZ.close();
    }
  }

  private static int blocks(int threads) {
    return (threads + THREADS - 1) / THREADS;
  }
}
