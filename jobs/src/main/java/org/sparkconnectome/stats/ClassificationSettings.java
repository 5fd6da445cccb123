package org.sparkconnectome.stats;

/**
 * How {@code stats classify} learns and evaluates.
 *
 * @param model logistic (elastic net), svm (linear) or forest
 * @param pcaComponents principal components kept after standardising; 0 = no PCA
 * @param permutationMethod local (ridge classifier per permutation on executors) or mllib
 *     (the configured pipeline refitted per permutation, several Spark jobs at once)
 * @param ridge penalty of the local permutation classifier, relative to the kernel's mean
 *     diagonal
 * @param positive the label value counted as positive; null = the second in sorted order
 */
public record ClassificationSettings(String model, int folds, int permutations,
    String permutationMethod, int pcaComponents, double regParam, double elasticNet,
    int maxIter, int trees, int topEdges, double ridge, boolean groupBySite, boolean combat,
    String positive, long seed) {

  public ClassificationSettings {
    if (!model.equals("logistic") && !model.equals("svm") && !model.equals("forest")) {
      throw new IllegalArgumentException("model '" + model
          + "' unknown: use logistic, svm or forest");
    }
    if (!permutationMethod.equals("local") && !permutationMethod.equals("mllib")) {
      throw new IllegalArgumentException("permutation method '" + permutationMethod
          + "' unknown: use local or mllib");
    }
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + folds);
    }
    if (permutations < 0 || pcaComponents < 0 || topEdges < 0) {
      throw new IllegalArgumentException("permutations, PCA components and top edges must "
          + "not be negative");
    }
  }
}
