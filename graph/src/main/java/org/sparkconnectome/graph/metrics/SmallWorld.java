package org.sparkconnectome.graph.metrics;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.sparkconnectome.graph.WeightedGraph;

/**
 * Small-worldness sigma = (C / C_rand) / (L / L_rand) with C the mean Onnela clustering and L the
 * weighted characteristic path length, the random values averaged over seeded
 * {@link NullModels#degreePreserving} graphs (networkx's {@code sigma} uses the same idea on
 * unweighted graphs).
 */
public final class SmallWorld {
  /** Sigma and the quantities it is made of. */
  public record Result(double sigma, double clustering, double pathLength,
      double randomClustering, double randomPathLength, int nullGraphs) implements Serializable {
  }

  private SmallWorld() {
  }

  /** Sigma against {@code nullGraphs} random graphs; NaN where any ratio is undefined. */
  public static Result sigma(WeightedGraph graph, double clustering, double pathLength,
      int nullGraphs, int swapsPerEdge, long seed) {
    if (nullGraphs < 1 || graph.edgeCount() < 2) {
      return new Result(Double.NaN, clustering, pathLength, Double.NaN, Double.NaN, 0);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double sumC = 0;
    double sumL = 0;
    for (int g = 0; g < nullGraphs; g++) {
      WeightedGraph rand = NullModels.degreePreserving(graph, swapsPerEdge, random.split());
      sumC += Clustering.mean(Clustering.onnela(rand));
      sumL += ShortestPaths.characteristicPathLength(ShortestPaths.distances(rand));
    }
    double cRand = sumC / nullGraphs;
    double lRand = sumL / nullGraphs;
    double sigma = (clustering / cRand) / (pathLength / lRand);
    return new Result(Double.isFinite(sigma) ? sigma : Double.NaN, clustering, pathLength,
        cRand, lRand, nullGraphs);
  }
}
