package org.sparkconnectome.parcel;

/**
 * One run's similarity graph on the voxel neighbour graph, as Craddock et al. 2012 build an
 * individual graph: the weight of a neighbour edge (i, j) is the Pearson correlation of the two
 * voxels' series over the run's columns, kept when it exceeds the threshold and 0 (no edge)
 * otherwise. A voxel whose series is constant over the run correlates with nothing.
 */
public final class RunSimilarity {

  private RunSimilarity() {
  }

  /**
   * Edge weights of one run, in the order of {@code edges} ({@link GridGraph#edges()}).
   *
   * @param features row-major, {@code width} values per node
   * @param from the run's first column
   * @param count the run's column count
   */
  public static double[] weights(double[] features, int width, int from, int count,
      int[][] edges, double threshold) {
    int n = features.length / width;
    // Each node's series centred and scaled to unit norm: a correlation is then a dot product.
    double[] unit = new double[Math.multiplyExact(n, count)];
    for (int i = 0; i < n; i++) {
      int row = i * width + from;
      double mean = 0;
      for (int t = 0; t < count; t++) {
        mean += features[row + t];
      }
      mean /= count;
      double square = 0;
      for (int t = 0; t < count; t++) {
        double c = features[row + t] - mean;
        unit[i * count + t] = c;
        square += c * c;
      }
      double scale = square > 0 ? 1 / Math.sqrt(square) : 0;
      for (int t = 0; t < count; t++) {
        unit[i * count + t] *= scale;
      }
    }
    int[] a = edges[0];
    int[] b = edges[1];
    double[] weight = new double[a.length];
    for (int e = 0; e < a.length; e++) {
      int ia = a[e] * count;
      int ib = b[e] * count;
      double r = 0;
      for (int t = 0; t < count; t++) {
        r += unit[ia + t] * unit[ib + t];
      }
      weight[e] = r > threshold ? r : 0;
    }
    return weight;
  }
}
