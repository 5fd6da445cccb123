package org.sparkconnectome.parcel;

/**
 * Per-parcel homogeneity (mean Pearson correlation over the distinct voxel pairs of the
 * parcel) and silhouette (mean over the parcel's voxels of sklearn's
 * {@code silhouette_samples(X, labels, metric="correlation")}), both exact.
 *
 * <p>Correlation distance is {@code 1 - u_i . u_j} with u the centred, unit-length feature
 * rows, so a voxel's mean distance to a parcel is {@code 1 - u_i . S_c / n_c} with S_c the
 * parcel's sum of u: the cost is N x K x F, not N^2 x F. Voxels with constant features
 * (u = 0) count as distance 1 from everything, as scipy's cdist would give NaN for them.
 *
 * @param sizes voxels per parcel
 * @param homogeneity per parcel; NaN for a one-voxel parcel
 * @param silhouette per parcel, sklearn's 0 for a one-voxel parcel
 * @param voxelSilhouette per voxel
 */
public record ParcelQuality(int[] sizes, double[] homogeneity, double[] silhouette,
    double[] voxelSilhouette) {

  /** Quality of labels 0..k-1 of the n rows of a row-major n x f matrix. */
  public static ParcelQuality of(double[] features, int f, int[] labels, int k) {
    int n = labels.length;
    double[] unit = new double[n * f];
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (int d = 0; d < f; d++) {
        mean += features[i * f + d];
      }
      mean /= f;
      double norm = 0;
      for (int d = 0; d < f; d++) {
        double c = features[i * f + d] - mean;
        unit[i * f + d] = c;
        norm += c * c;
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int d = 0; d < f; d++) {
        unit[i * f + d] *= scale;
      }
    }
    int[] sizes = new int[k];
    double[] sums = new double[k * f];
    for (int i = 0; i < n; i++) {
      sizes[labels[i]]++;
      for (int d = 0; d < f; d++) {
        sums[labels[i] * f + d] += unit[i * f + d];
      }
    }
    double[] homogeneity = new double[k];
    for (int c = 0; c < k; c++) {
      double square = 0;
      for (int d = 0; d < f; d++) {
        square += sums[c * f + d] * sums[c * f + d];
      }
      // |S|^2 counts every ordered pair plus the n self-products (1 each, 0 when constant).
      double self = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == c) {
          for (int d = 0; d < f; d++) {
            self += unit[i * f + d] * unit[i * f + d];
          }
        }
      }
      long m = sizes[c];
      homogeneity[c] = m < 2 ? Double.NaN : (square - self) / (m * (m - 1));
    }
    double[] voxel = new double[n];
    double[] parcel = new double[k];
    for (int i = 0; i < n; i++) {
      int own = labels[i];
      double selfDot = 0;
      for (int d = 0; d < f; d++) {
        selfDot += unit[i * f + d] * unit[i * f + d];
      }
      double a = 0;
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (sizes[c] == 0) {
          continue;
        }
        double dot = 0;
        for (int d = 0; d < f; d++) {
          dot += unit[i * f + d] * sums[c * f + d];
        }
        if (c == own) {
          a = sizes[c] > 1 ? ((sizes[c] - 1) - (dot - selfDot)) / (sizes[c] - 1) : 0;
        } else {
          b = Math.min(b, 1 - dot / sizes[c]);
        }
      }
      double s = sizes[own] < 2 || Double.isInfinite(b) ? 0 : (b - a) / Math.max(a, b);
      voxel[i] = s;
      parcel[own] += s;
    }
    for (int c = 0; c < k; c++) {
      parcel[c] = sizes[c] == 0 ? Double.NaN : parcel[c] / sizes[c];
    }
    return new ParcelQuality(sizes, homogeneity, parcel, voxel);
  }

  /** Mean silhouette over all voxels (sklearn's silhouette_score). */
  public double meanSilhouette() {
    double s = 0;
    for (double v : voxelSilhouette) {
      s += v;
    }
    return s / voxelSilhouette.length;
  }
}
