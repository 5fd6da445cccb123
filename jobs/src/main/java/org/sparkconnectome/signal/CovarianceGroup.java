package org.sparkconnectome.signal;

import java.io.Serializable;
import java.util.BitSet;
import java.util.List;

/**
 * The covariances a {@link TangentEmbedding} is fitted on, seen only through sums over the group:
 * the geometric mean's gradient descent needs, per iteration, the sum of every subject's log-map at
 * the current mean and nothing else. A list on one machine and a Spark RDD (tree-aggregated, so the
 * driver holds a few R x R sums however large the cohort) are two implementations.
 */
public interface CovarianceGroup {

  /** One pass over the group: how many subjects, their size, which regions are degenerate. */
  Survey survey();

  /**
   * The element-wise sum of {@code term} over every subject, each given its label (for error
   * messages) and its covariance; accumulated with {@link CompensatedSum} so the result does not
   * depend on the order the subjects are added in.
   */
  double[] sum(Term term, int length);

  /** What one subject adds to a sum. */
  @FunctionalInterface
  interface Term extends Serializable {
    double[] apply(String label, RegionMatrix covariance);
  }

  /** The group of a list held in memory, labelled "subject 0", "subject 1", ... */
  static CovarianceGroup of(List<RegionMatrix> covariances) {
    List<String> labels = new java.util.ArrayList<>();
    for (int s = 0; s < covariances.size(); s++) {
      labels.add("subject " + s);
    }
    return of(labels, covariances);
  }

  /** The group of a list held in memory, each covariance with its label. */
  static CovarianceGroup of(List<String> labels, List<RegionMatrix> covariances) {
    return new CovarianceGroup() {
      @Override
      public Survey survey() {
        Survey survey = new Survey();
        for (int s = 0; s < covariances.size(); s++) {
          survey.add(labels.get(s), covariances.get(s));
        }
        return survey;
      }

      @Override
      public double[] sum(Term term, int length) {
        CompensatedSum sum = new CompensatedSum(length);
        for (int s = 0; s < covariances.size(); s++) {
          sum.add(term.apply(labels.get(s), covariances.get(s)));
        }
        return sum.value();
      }
    };
  }

  /**
   * Count, size and degenerate regions of a group, mergeable so a tree aggregation can build it.
   * Sizes that differ are kept as the first and one other label, reported by {@link #check}.
   */
  final class Survey implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private int size = -1;
    private String firstLabel;
    private String mismatch;
    private final BitSet degenerate = new BitSet();

    /** Adds one subject. */
    public Survey add(String label, RegionMatrix c) {
      if (size < 0) {
        size = c.size();
        firstLabel = label;
      } else if (c.size() != size && mismatch == null) {
        mismatch = label + " has " + c.size() + " regions, " + firstLabel + " " + size;
      }
      for (int i = 0; i < c.size(); i++) {
        if (c.isDegenerate(i) || Double.isNaN(c.get(i, i))) {
          degenerate.set(i);
        }
      }
      count++;
      return this;
    }

    /** Merges another part of the group into this one. */
    public Survey merge(Survey other) {
      if (other.size < 0) {
        return this;
      }
      if (size < 0) {
        size = other.size;
        firstLabel = other.firstLabel;
      } else if (other.size != size && mismatch == null) {
        mismatch = other.firstLabel + " has " + other.size + " regions, " + firstLabel + " "
            + size;
      }
      if (mismatch == null) {
        mismatch = other.mismatch;
      }
      degenerate.or(other.degenerate);
      count += other.count;
      return this;
    }

    /** Throws if the group is empty or its sizes differ. */
    void check() {
      if (count == 0) {
        throw new IllegalArgumentException("the tangent embedding needs at least one subject");
      }
      if (mismatch != null) {
        throw new IllegalArgumentException(mismatch);
      }
    }

    public long count() {
      return count;
    }

    int size() {
      return size;
    }

    BitSet degenerate() {
      return degenerate;
    }
  }
}
