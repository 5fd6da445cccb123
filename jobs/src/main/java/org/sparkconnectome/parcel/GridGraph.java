package org.sparkconnectome.parcel;

import java.util.Arrays;

/**
 * The neighbour graph of a mask's voxels. With 6 neighbours (faces) it is scikit-learn's
 * {@code grid_to_graph(nx, ny, nz, mask=mask)}, which Ward uses; 18 adds the edge neighbours and
 * 26 the corner neighbours (the 3 x 3 x 3 neighbourhood of Craddock et al. 2012's normalised
 * cut). Node i is the i-th mask voxel in C order of an (nx, ny, nz) array (z fastest), which is
 * the order nilearn and sklearn give the rows of the feature matrix.
 *
 * @param shape the grid (nx, ny, nz)
 * @param voxels grid indices {@code x + nx * (y + ny * z)} (the NIfTI order) of the nodes, in
 *     node order
 * @param neighbours each node's neighbours, ascending
 */
public record GridGraph(int[] shape, int[] voxels, int[][] neighbours)
    implements java.io.Serializable {

  /** The 6-neighbour graph of the voxels where {@code inMask[x + nx * (y + ny * z)]} holds. */
  public static GridGraph of(int[] shape, boolean[] inMask) {
    return of(shape, inMask, 6);
  }

  /**
   * The graph of the voxels where {@code inMask[x + nx * (y + ny * z)]} holds, each joined to
   * the mask voxels among its 6 face, 18 face-and-edge or 26 neighbours.
   */
  public static GridGraph of(int[] shape, boolean[] inMask, int connectivity) {
    if (connectivity != 6 && connectivity != 18 && connectivity != 26) {
      throw new IllegalArgumentException("voxel connectivity " + connectivity
          + ": give 6, 18 or 26");
    }
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
    int[][] offsets = offsets(connectivity);
    int[][] neighbours = new int[count][];
    int[] buffer = new int[offsets.length];
    for (int i = 0; i < count; i++) {
      int v = voxels[i];
      int x = v % nx;
      int y = (v / nx) % ny;
      int z = v / (nx * ny);
      int found = 0;
      for (int[] d : offsets) {
        int qx = x + d[0];
        int qy = y + d[1];
        int qz = z + d[2];
        if (qx >= 0 && qx < nx && qy >= 0 && qy < ny && qz >= 0 && qz < nz) {
          int w = node[qx + nx * (qy + ny * qz)];
          if (w >= 0) {
            buffer[found++] = w;
          }
        }
      }
      int[] list = Arrays.copyOf(buffer, found);
      Arrays.sort(list);
      neighbours[i] = list;
    }
    return new GridGraph(shape, voxels, neighbours);
  }

  /** Steps to the neighbours: 1 axis off (faces), up to 2 (edges), up to 3 (corners). */
  private static int[][] offsets(int connectivity) {
    int maxAxesOff = connectivity == 6 ? 1 : connectivity == 18 ? 2 : 3;
    int[][] out = new int[connectivity][];
    int n = 0;
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dz = -1; dz <= 1; dz++) {
          int off = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
          if (off > 0 && off <= maxAxesOff) {
            out[n++] = new int[] {dx, dy, dz};
          }
        }
      }
    }
    return out;
  }

  /**
   * The undirected edges, each once as (i, j) with i < j, in node order of i and then j: the
   * index an edge weight array of this graph uses.
   *
   * @return two arrays, the first ends and the second ends
   */
  public int[][] edges() {
    int total = 0;
    for (int i = 0; i < neighbours.length; i++) {
      for (int j : neighbours[i]) {
        if (j > i) {
          total++;
        }
      }
    }
    int[] from = new int[total];
    int[] to = new int[total];
    int e = 0;
    for (int i = 0; i < neighbours.length; i++) {
      for (int j : neighbours[i]) {
        if (j > i) {
          from[e] = i;
          to[e++] = j;
        }
      }
    }
    return new int[][] {from, to};
  }

  /** The mask this graph was made from, on the full grid. */
  public boolean[] mask() {
    boolean[] inMask = new boolean[shape[0] * shape[1] * shape[2]];
    for (int v : voxels) {
      inMask[v] = true;
    }
    return inMask;
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
