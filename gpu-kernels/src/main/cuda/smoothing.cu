/*
 * Separable 3D Gaussian smoothing of a batch of volumes, with the conventions of JvmVolumeSmoother:
 * Fortran order (x fastest), scipy 'reflect' borders, weights computed on the host (truncate at
 * 4 sigma). One launch per axis; one thread per output voxel of the whole batch, so consecutive
 * threads read consecutive x and every axis pass stays coalesced.
 */
#include "portable.h"

/* scipy's 'reflect' (half-sample symmetric) index, repeated when the kernel outruns the line. */
DEVICE_FN int reflect_index(int i, int n) {
  int period = 2 * n;
  int m = i % period;
  if (m < 0) {
    m += period;
  }
  return m < n ? m : period - 1 - m;
}

/* Non-finite voxels become 0 before smoothing, as nilearn's ensure_finite does. */
KERNEL void zero_non_finite(GLOBAL_MEM float* data, int count) {
  int i = GLOBAL_X;
  if (i < count && !IS_FINITE_F(data[i])) {
    data[i] = 0.0f;
  }
}

/*
 * One separable pass along axis 0 (x), 1 (y) or 2 (z) over volumes of nx * ny * nz voxels;
 * the grid is 2D (x over voxels of a volume, y over volumes) so a batch never overflows an int.
 */
KERNEL void smooth_axis(GLOBAL_MEM const float* input, GLOBAL_MEM float* output,
    int nx, int ny, int nz, int axis, GLOBAL_MEM const float* weights, int radius) {
  int voxel = GLOBAL_X;
  int volume = BLOCK_Y;
  int voxels = nx * ny * nz;
  if (voxel >= voxels) {
    return;
  }
  int x = voxel % nx;
  int y = (voxel / nx) % ny;
  int z = voxel / (nx * ny);
  int position;
  int length;
  int stride;
  if (axis == 0) {
    position = x;
    length = nx;
    stride = 1;
  } else if (axis == 1) {
    position = y;
    length = ny;
    stride = nx;
  } else {
    position = z;
    length = nz;
    stride = nx * ny;
  }
  GLOBAL_MEM const float* line = input + (long) volume * voxels + (voxel - position * stride);
  float sum = 0.0f;
  for (int k = -radius; k <= radius; k++) {
    sum += weights[k + radius] * line[reflect_index(position + k, length) * stride];
  }
  output[(long) volume * voxels + voxel] = sum;
}
