package org.sparkconnectome.voxel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkconnectome.kernels.correlation.EdgeSelection;
import org.sparkconnectome.kernels.correlation.EdgeSink;

/**
 * The {@link EdgeSink} of one run: spills every pair the correlator selects to a local file
 * (never an N x N matrix), then {@link #finish()} keeps the pairs the {@link EdgeSign} rule
 * accepts, each once, and counts degree and strength.
 *
 * <p>With top-k, a pair chosen by both of its rows arrives twice; the graph has the edge once
 * (the union of the rows' choices). Each row's chosen columns (k per row, the size of the
 * output) tell whether the other row chose the pair too. The values cannot tell: r(i, j) and
 * r(j, i) come from different products (strips, tiles) and may differ in the last bit, so a
 * pair at a row's k-th place would otherwise be kept twice.
 */
public final class VoxelGraphBuilder implements EdgeSink {
  private static final int BUFFER = 1 << 20;

  private final int nodes;
  private final EdgeSelection selection;
  private final EdgeSign sign;
  private final Path directory;
  private final Path spill;
  private final DataOutputStream out;
  /** Top-k: row i's chosen columns at [i * k, i * k + chosenCount[i]). */
  private final int[] chosen;
  private final int[] chosenCount;
  private final int k;
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
      k = selection.topK();
      chosen = new int[Math.toIntExact((long) nodes * k)];
      chosenCount = new int[nodes];
    } else {
      k = 0;
      chosen = null;
      chosenCount = null;
    }
  }

  @Override
  public void accept(int[] rows, int[] cols, float[] values, int count) {
    try {
      for (int e = 0; e < count; e++) {
        out.writeInt(rows[e]);
        out.writeInt(cols[e]);
        out.writeFloat(values[e]);
        if (chosen != null) {
          int row = rows[e];
          if (chosenCount[row] == k) {
            throw new IllegalStateException("row " + row + " chose more than its top " + k);
          }
          chosen[row * k + chosenCount[row]++] = cols[e];
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
        if (!sign.keeps(r) || (chosen != null && row > col && chose(col, row))) {
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

  /** Whether row {@code row}'s top-k holds column {@code col}. */
  private boolean chose(int row, int col) {
    for (int i = row * k, end = i + chosenCount[row]; i < end; i++) {
      if (chosen[i] == col) {
        return true;
      }
    }
    return false;
  }

  /** Deletes the spill file without building the graph (after a failure). */
  public void discard() throws IOException {
    out.close();
    Files.deleteIfExists(spill);
  }
}
