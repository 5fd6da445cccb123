package org.sparkconnectome.graph.large;

import java.io.Serializable;

/**
 * What each GraphX vertex carries while PageRank iterates.
 *
 * @param degree number of neighbours
 * @param strength sum of the weights of the vertex's edges
 * @param rank current PageRank
 * @param change |rank - previous rank| of the last iteration
 */
public record VertexState(long degree, double strength, double rank, double change)
    implements Serializable {

  /** Before degrees are known. */
  static final VertexState EMPTY = new VertexState(0, 0, 0, 0);
}
