package org.sparkconnectome.voxel;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The sparse, undirected voxel graph of one run, its edges in a local file (each pair once, src
 * &lt; dst) so that memory stays bounded by the node count, whatever the edge count.
 */
public final class VoxelGraph implements Closeable {
  /** Bytes of one edge record: int src, int dst, float correlation. */
  static final int EDGE_BYTES = 12;
  private static final int BUFFER = 1 << 20;
  /** Edges held in memory for repeated reads: 8M edges, 96 MB. */
  static final long IN_MEMORY_EDGES = 8L << 20;

  /** Receives the edges of the graph one by one. */
  @FunctionalInterface
  public interface EdgeVisitor {
    /** One edge: nodes src &lt; dst, its weight (per {@link EdgeSign}) and correlation r. */
    void accept(int src, int dst, float weight, float r);
  }

  private final int nodes;
  private final long edges;
  private final Path file;
  private final EdgeSign sign;
  private final int[] degree;
  private final double[] strength;
  private long inMemoryEdges = IN_MEMORY_EDGES;
  private int[] loadedSrc;
  private int[] loadedDst;
  private float[] loadedR;

  VoxelGraph(int nodes, long edges, Path file, EdgeSign sign, int[] degree, double[] strength) {
    this.nodes = nodes;
    this.edges = edges;
    this.file = file;
    this.sign = sign;
    this.degree = degree;
    this.strength = strength;
  }

  /** Number of nodes (mask voxels). */
  public int nodes() {
    return nodes;
  }

  /** Number of undirected edges. */
  public long edges() {
    return edges;
  }

  /** Binary degree centrality: number of edges of each node. */
  public int[] degree() {
    return degree.clone();
  }

  /** Weighted degree centrality: sum of the weights of each node's edges. */
  public double[] strength() {
    return strength.clone();
  }

  /**
   * Reads every edge once, in no set order. Graphs of up to {@link #IN_MEMORY_EDGES} edges are
   * loaded once and then read from memory (power iteration reads them hundreds of times);
   * larger ones stream from the file each time, so memory stays bounded.
   */
  public void forEachEdge(EdgeVisitor visitor) throws IOException {
    if (edges <= inMemoryEdges) {
      if (loadedSrc == null) {
        load();
      }
      for (int e = 0; e < loadedSrc.length; e++) {
        float r = loadedR[e];
        visitor.accept(loadedSrc[e], loadedDst[e], sign.weight(r), r);
      }
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER - BUFFER % EDGE_BYTES);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long left = edges;
      while (left > 0) {
        buffer.clear();
        int want = (int) Math.min(buffer.capacity(), left * EDGE_BYTES);
        buffer.limit(want);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer) < 0) {
            throw new IOException(file + ": edge file ended early (local disk full?)");
          }
        }
        buffer.flip();
        for (int e = 0; e < want / EDGE_BYTES; e++) {
          int src = buffer.getInt();
          int dst = buffer.getInt();
          float r = buffer.getFloat();
          visitor.accept(src, dst, sign.weight(r), r);
        }
        left -= want / EDGE_BYTES;
      }
    }
  }

  /** Lowers the in-memory limit (tests exercise the streaming path with it). */
  void limitMemory(long maxEdges) {
    inMemoryEdges = maxEdges;
  }

  private void load() throws IOException {
    int count = (int) edges;
    int[] src = new int[count];
    int[] dst = new int[count];
    float[] r = new float[count];
    try (EdgeCursor c = cursor()) {
      for (int e = 0; e < count && c.next(); e++) {
        src[e] = c.src();
        dst[e] = c.dst();
        r[e] = c.correlation();
      }
    } catch (EOFException e) {
      throw new IOException(file + ": edge file ended early (local disk full?)", e);
    }
    loadedSrc = src;
    loadedDst = dst;
    loadedR = r;
  }

  /** Opens a cursor over the edges, for streaming them out of a Spark task. */
  public EdgeCursor cursor() throws IOException {
    return new EdgeCursor(new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file), BUFFER)), edges, sign);
  }

  /** Deletes the edge file. */
  @Override
  public void close() throws IOException {
    loadedSrc = null;
    loadedDst = null;
    loadedR = null;
    Files.deleteIfExists(file);
  }

  /** A forward-only cursor over the edge file. */
  public static final class EdgeCursor implements Closeable {
    private final DataInputStream in;
    private final EdgeSign sign;
    private long left;
    private int src;
    private int dst;
    private float r;

    EdgeCursor(DataInputStream in, long edges, EdgeSign sign) {
      this.in = in;
      this.left = edges;
      this.sign = sign;
    }

    /** Moves to the next edge; false after the last. */
    public boolean next() throws IOException {
      if (left == 0) {
        return false;
      }
      src = in.readInt();
      dst = in.readInt();
      r = in.readFloat();
      left--;
      return true;
    }

    public int src() {
      return src;
    }

    public int dst() {
      return dst;
    }

    public float correlation() {
      return r;
    }

    public float weight() {
      return sign.weight(r);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
