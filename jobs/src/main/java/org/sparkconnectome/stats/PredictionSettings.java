package org.sparkconnectome.stats;

import java.util.Arrays;

/**
 * How {@code stats predict} regresses a continuous phenotype.
 *
 * @param folds outer, subject-grouped folds that give the held-out predictions
 * @param innerFolds folds within each outer training set that choose the penalty
 * @param regParams the penalty grid (MLlib's regParam) the inner folds choose from
 * @param elasticNet MLlib's elasticNetParam: 0 ridge, 1 lasso, between: elastic net
 * @param permutationMethod local (closed-form ridge, the whole nested CV per permutation on the
 *     executors; ridge only) or mllib (the MLlib nested CV rerun per permutation)
 * @param combat ComBat across sites, fitted within every training set
 */
public record PredictionSettings(int folds, int innerFolds, double[] regParams,
    double elasticNet, int permutations, String permutationMethod, boolean combat, long seed) {

  public PredictionSettings {
    if (folds < 2 || innerFolds < 2) {
      throw new IllegalArgumentException("folds and inner folds must be at least 2, got "
          + folds + " and " + innerFolds);
    }
    if (regParams.length == 0 || Arrays.stream(regParams).anyMatch(a -> !(a > 0))) {
      throw new IllegalArgumentException("the penalty grid needs positive values, got "
          + Arrays.toString(regParams));
    }
    if (!(elasticNet >= 0 && elasticNet <= 1)) {
      throw new IllegalArgumentException("elastic net mixing must be in [0, 1], got "
          + elasticNet);
    }
    if (!permutationMethod.equals("local") && !permutationMethod.equals("mllib")) {
      throw new IllegalArgumentException("permutation method '" + permutationMethod
          + "' unknown: use local or mllib");
    }
    if (permutationMethod.equals("local") && elasticNet != 0 && permutations > 0) {
      throw new IllegalArgumentException("the local permutation test is closed-form ridge: "
          + "use --elastic-net 0 or --permutation-method mllib");
    }
    if (permutations < 0) {
      throw new IllegalArgumentException("permutations must not be negative");
    }
  }

  /** ridge, lasso or elastic net, by the mixing parameter. */
  public String model() {
    return elasticNet == 0 ? "ridge" : elasticNet == 1 ? "lasso" : "elastic net";
  }
}
