package org.sparkconnectome.graph.large;

/**
 * Packs a graph number and a node id into one GraphX vertex id, so that many graphs (one per
 * run) iterate together in one GraphX job: the graph in the high 23 bits, the node in the low 40.
 */
public final class VertexKey {
  /** Node ids must be below this (2^40, about 1.1e12: far beyond any voxel count). */
  public static final long MAX_NODE = 1L << 40;
  /** Graph numbers must be below this (2^23). */
  public static final int MAX_GRAPH = 1 << 23;

  private VertexKey() {
  }

  /** The vertex id of node {@code id} of graph {@code graph}. */
  public static long pack(long graph, long id) {
    if (graph < 0 || graph >= MAX_GRAPH) {
      throw new IllegalArgumentException("graph number " + graph + " outside 0.."
          + (MAX_GRAPH - 1));
    }
    if (id < 0 || id >= MAX_NODE) {
      throw new IllegalArgumentException("node id " + id + " outside 0.." + (MAX_NODE - 1)
          + " (graph " + graph + ")");
    }
    return (graph << 40) | id;
  }

  /** The graph number of a vertex id. */
  public static int graph(long vertex) {
    return (int) (vertex >>> 40);
  }

  /** The node id of a vertex id. */
  public static long node(long vertex) {
    return vertex & (MAX_NODE - 1);
  }
}
