package org.sparkconnectome.graph.large;

import java.io.Serializable;
import org.apache.spark.graphx.EdgeContext;
import scala.Option;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.AbstractFunction3;
import scala.runtime.BoxedUnit;

/**
 * The Scala functions GraphX calls, as serializable named classes (Java lambdas do not
 * implement Scala's function types serializably).
 */
final class GraphFunctions {
  private GraphFunctions() {
  }

  /** Sends {1, weight} to both ends of every edge: degree and strength. */
  static final class SendDegree
      extends AbstractFunction1<EdgeContext<VertexState, Double, double[]>, BoxedUnit>
      implements Serializable {
    @Override
    public BoxedUnit apply(EdgeContext<VertexState, Double, double[]> edge) {
      double w = edge.attr();
      edge.sendToSrc(new double[] {1, w});
      edge.sendToDst(new double[] {1, w});
      return BoxedUnit.UNIT;
    }
  }

  /** Element-wise sum of two pairs. */
  static final class SumPairs extends AbstractFunction2<double[], double[], double[]>
      implements Serializable {
    @Override
    public double[] apply(double[] a, double[] b) {
      return new double[] {a[0] + b[0], a[1] + b[1]};
    }
  }

  /** Sum of two numbers. */
  static final class Sum extends AbstractFunction2<Double, Double, Double>
      implements Serializable {
    @Override
    public Double apply(Double a, Double b) {
      return a + b;
    }
  }

  /**
   * Each end of an undirected edge passes {@code rank * weight / strength} to the other end: a
   * random walker leaves a node along an edge in proportion to the edge's share of the node's
   * strength.
   */
  static final class SendRank
      extends AbstractFunction1<EdgeContext<VertexState, Double, Double>, BoxedUnit>
      implements Serializable {
    @Override
    public BoxedUnit apply(EdgeContext<VertexState, Double, Double> edge) {
      double w = edge.attr();
      VertexState src = edge.srcAttr();
      VertexState dst = edge.dstAttr();
      edge.sendToDst(src.rank() * w / src.strength());
      edge.sendToSrc(dst.rank() * w / dst.strength());
      return BoxedUnit.UNIT;
    }
  }

  /** Degree and strength into the state, rank starting uniform over the vertex's graph. */
  static final class StartState
      extends AbstractFunction3<Object, VertexState, Option<double[]>, VertexState>
      implements Serializable {
    private final long[] nodes;

    StartState(long[] nodes) {
      this.nodes = nodes;
    }

    @Override
    public VertexState apply(Object vertex, VertexState old, Option<double[]> sums) {
      double[] s = sums.isDefined() ? sums.get() : new double[2];
      double start = 1.0 / nodes[VertexKey.graph((Long) vertex)];
      return new VertexState((long) s[0], s[1], start, 0);
    }
  }

  /**
   * One PageRank step: {@code damping * (received + dangling_g / n_g) + (1 - damping) / n_g},
   * where dangling_g is the rank held by the graph's isolated vertices (spread uniformly, as
   * networkx does).
   */
  static final class UpdateRank
      extends AbstractFunction3<Object, VertexState, Option<Double>, VertexState>
      implements Serializable {
    private final double damping;
    private final long[] nodes;
    private final double[] dangling;

    UpdateRank(double damping, long[] nodes, double[] dangling) {
      this.damping = damping;
      this.nodes = nodes;
      this.dangling = dangling;
    }

    @Override
    public VertexState apply(Object vertex, VertexState old, Option<Double> received) {
      int g = VertexKey.graph((Long) vertex);
      double teleport = 1.0 / nodes[g];
      double in = received.isDefined() ? received.get() : 0;
      double rank = damping * (in + dangling[g] * teleport) + (1 - damping) * teleport;
      return new VertexState(old.degree(), old.strength(), rank, Math.abs(rank - old.rank()));
    }
  }
}
