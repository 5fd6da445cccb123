package org.sparkconnectome.parcel;

import java.util.Arrays;

/**
 * The 6-neighbour graph of a mask's voxels, as scikit-learn's {@code grid_to_graph(nx, ny, nz,
 * mask=mask)}: node i is the i-th mask voxel in C order of an (nx, ny, nz) array (z fastest),
 * which is the order nilearn and sklearn give the rows of the feature matrix.
 *
 * @param shape the grid (nx, ny, nz)
 * @param voxels grid indices {@code x + nx * (y + ny * z)} (the NIfTI order) of the nodes, in
 *     node order
 * @param neighbours each node's neighbours, ascending
 */
public record GridGraph(int[] shape, int[] voxels, int[][] neighbours)
    implements java.io.Serializable {

  /** The graph of the voxels where {@code inMask[x + nx * (y + ny * z)]} holds. */
  public static GridGraph of(int[] shape, boolean[] inMask) {
    int nx = shape[0];
    int ny = shape[1];
    int nz = shape[2];
    int[] node = new int[inMask.length];
    Arrays.fill(node, -1);
    int count = 0;
    int[] voxels = new int[inMask.length];
    for (int x = 0; x < nx; x++) {
      for (int y = 0; y < ny; y++) {
        for (int z = 0; z < nz; z++) {
          int v = x + nx * (y + ny * z);
          if (inMask[v]) {
            node[v] = count;
            voxels[count++] = v;
          }
        }
      }
    }
    voxels = Arrays.copyOf(voxels, count);
    int[][] neighbours = new int[count][];
    int[] step = {1, nx, nx * ny};
    int[] buffer = new int[6];
    for (int i = 0; i < count; i++) {
      int v = voxels[i];
      int[] at = {v % nx, (v / nx) % ny, v / (nx * ny)};
      int found = 0;
      for (int axis = 0; axis < 3; axis++) {
        if (at[axis] > 0 && node[v - step[axis]] >= 0) {
          buffer[found++] = node[v - step[axis]];
        }
        if (at[axis] < shape[axis] - 1 && node[v + step[axis]] >= 0) {
          buffer[found++] = node[v + step[axis]];
        }
      }
      int[] list = Arrays.copyOf(buffer, found);
      Arrays.sort(list);
      neighbours[i] = list;
    }
    return new GridGraph(shape, voxels, neighbours);
  }

  /** Number of nodes. */
  public int size() {
    return voxels.length;
  }

  /** Connected pieces of the graph (a Ward cut needs at most K). */
  public int components() {
    int n = size();
    boolean[] seen = new boolean[n];
    int[] stack = new int[n];
    int pieces = 0;
    for (int s = 0; s < n; s++) {
      if (seen[s]) {
        continue;
      }
      pieces++;
      int top = 0;
      stack[top++] = s;
      seen[s] = true;
      while (top > 0) {
        int u = stack[--top];
        for (int w : neighbours[u]) {
          if (!seen[w]) {
            seen[w] = true;
            stack[top++] = w;
          }
        }
      }
    }
    return pieces;
  }
}
