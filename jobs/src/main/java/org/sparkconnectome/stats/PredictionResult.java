package org.sparkconnectome.stats;

import java.util.List;
import java.util.Map;

/**
 * Outcome of {@code stats predict}.
 *
 * @param r Pearson correlation of held-out predictions with the target, all subjects pooled
 * @param pValue permutation p-value of the statistic, {@code (1 + #{null >= r}) / (1 + N)}
 * @param permutationR the statistic the permutations are compared with (MLlib's r for the mllib
 *     method, the closed-form ridge's r for local)
 * @param foldR r within each outer fold
 * @param foldRegParam the penalty the inner folds chose, per outer fold
 * @param prediction held-out prediction per subject, in {@code subjects} order
 * @param fold outer fold per subject
 */
public record PredictionResult(double r, double pValue, double permutationR, double[] nullR,
    double mae, double[] foldR, double[] foldRegParam, List<String> subjects, double[] target,
    double[] prediction, int[] fold, Map<String, Integer> excluded) {
}
