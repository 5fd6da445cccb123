package org.sparkconnectome.stats;

import java.util.List;
import java.util.Map;

/**
 * What {@code stats classify} found.
 *
 * @param auc area under the ROC curve of all held-out predictions (MLlib evaluator)
 * @param permutationAuc the permutation statistic on the true labels (see
 *     {@link RidgePermutationTest}), against which {@code pValue} is computed
 * @param folds per-fold test size, AUC and confusion
 * @param topEdges most discriminative edges of the model fitted on all rows
 */
public record ClassificationResult(double auc, double balancedAccuracy, double pValue,
    double permutationAuc, double[] nullAucs, int nSubjects, int nRows,
    String positive, String negative, List<FoldResult> folds, BinaryMetrics.Confusion confusion,
    List<EdgeWeight> topEdges, Map<String, Integer> excluded) {

  /** One cross-validation fold's held-out performance. */
  public record FoldResult(int fold, int testRows, int testSubjects, double auc,
      double balancedAccuracy, BinaryMetrics.Confusion confusion) {
  }

  /** An edge and its weight in the model (|coefficient| or importance ranks it). */
  public record EdgeWeight(String regionA, String regionB, double weight) {
  }
}
