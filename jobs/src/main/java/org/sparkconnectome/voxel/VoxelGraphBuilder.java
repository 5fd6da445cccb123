package org.sparkconnectome.voxel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.EdgeSink;

/**
 * The {@link EdgeSink} of one run: spills every pair the correlator selects to a local file
 * (never an N x N matrix), then {@link #finish()} keeps the pairs the {@link EdgeSign} rule
 * accepts, each once, and counts degree and strength.
 *
 * <p>With top-k, a pair chosen by both of its rows arrives twice; the graph has the edge once
 * (the union of the rows' choices). Each row's k-th strongest |r| (and the column that tied
 * last at it) tells whether the other row chose the pair too, so no edge set is held.
 */
public final class VoxelGraphBuilder implements EdgeSink {
  private static final int BUFFER = 1 << 20;

  private final int nodes;
  private final EdgeSelection selection;
  private final EdgeSign sign;
  private final Path directory;
  private final Path spill;
  private final DataOutputStream out;
  private final float[] weakestKept;
  private final int[] lastColumnAtWeakest;
  private long spilled;

  /** A builder spilling into a new file in {@code directory}. */
  public VoxelGraphBuilder(int nodes, EdgeSelection selection, EdgeSign sign, Path directory)
      throws IOException {
    this.nodes = nodes;
    this.selection = selection;
    this.sign = sign;
    this.directory = directory;
    this.spill = Files.createTempFile(directory, "selected-", ".bin");
    this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill),
        BUFFER));
    if (selection.isTopK()) {
      weakestKept = new float[nodes];
      Arrays.fill(weakestKept, Float.POSITIVE_INFINITY);
      lastColumnAtWeakest = new int[nodes];
    } else {
      weakestKept = null;
      lastColumnAtWeakest = null;
    }
  }

  @Override
  public void accept(int[] rows, int[] cols, float[] values, int count) {
    try {
      for (int e = 0; e < count; e++) {
        out.writeInt(rows[e]);
        out.writeInt(cols[e]);
        out.writeFloat(values[e]);
        if (weakestKept != null) {
          float a = Math.abs(values[e]);
          int row = rows[e];
          if (a < weakestKept[row] || (a == weakestKept[row]
              && cols[e] > lastColumnAtWeakest[row])) {
            weakestKept[row] = a;
            lastColumnAtWeakest[row] = cols[e];
          }
        }
      }
      spilled += count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot spill voxel edges to " + spill, e);
    }
  }

  /** The graph of the accepted pairs; the spill file is deleted. */
  public VoxelGraph finish() throws IOException {
    out.close();
    Path edgesFile = Files.createTempFile(directory, "edges-", ".bin");
    int[] degree = new int[nodes];
    double[] strength = new double[nodes];
    long edges = 0;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(spill), BUFFER));
        DataOutputStream kept = new DataOutputStream(new BufferedOutputStream(
            Files.newOutputStream(edgesFile), BUFFER))) {
      for (long e = 0; e < spilled; e++) {
        int row = in.readInt();
        int col = in.readInt();
        float r = in.readFloat();
        if (!sign.keeps(r) || (weakestKept != null && row > col && chose(col, row, r))) {
          continue;
        }
        int src = Math.min(row, col);
        int dst = Math.max(row, col);
        kept.writeInt(src);
        kept.writeInt(dst);
        kept.writeFloat(r);
        float w = sign.weight(r);
        degree[src]++;
        degree[dst]++;
        strength[src] += w;
        strength[dst] += w;
        edges++;
      }
    } finally {
      Files.deleteIfExists(spill);
    }
    return new VoxelGraph(nodes, edges, edgesFile, sign, degree, strength);
  }

  /** Whether row {@code row}'s top-k holds column {@code col} (ties go to lower columns). */
  private boolean chose(int row, int col, float r) {
    float a = Math.abs(r);
    return a > weakestKept[row] || (a == weakestKept[row] && col <= lastColumnAtWeakest[row]);
  }

  /** Deletes the spill file without building the graph (after a failure). */
  public void discard() throws IOException {
    out.close();
    Files.deleteIfExists(spill);
  }
}
