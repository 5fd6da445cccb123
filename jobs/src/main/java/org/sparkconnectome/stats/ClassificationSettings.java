package org.sparkconnectome.stats;

import java.util.Arrays;
import java.util.List;

/**
 * How {@code stats classify} learns and evaluates.
 *
 * @param model logistic (elastic net), svm (linear), forest, gbt (gradient-boosted trees, two
 *     classes; {@code trees} boosting rounds) or mlp (multilayer perceptron, {@code maxIter}
 *     iterations)
 * @param pcaComponents principal components kept after standardising; 0 = no PCA
 * @param permutationMethod local (ridge classifier per permutation on executors; for mlp the
 *     perceptron itself, refitted in the tasks) or mllib (the configured pipeline refitted per
 *     permutation, several Spark jobs at once)
 * @param ridge penalty of the local permutation classifier, relative to the kernel's mean
 *     diagonal
 * @param positive the label value counted as positive; null = the second in sorted order
 * @param hiddenLayers sizes of the perceptron's hidden layers; input (features or components)
 *     and output (two classes) are added around them
 * @param blockSize rows stacked per perceptron matrix product
 * @param stepSize the perceptron's step size (its solver's learning rate)
 */
public record ClassificationSettings(String model, int folds, int permutations,
    String permutationMethod, int pcaComponents, double regParam, double elasticNet,
    int maxIter, int trees, int topEdges, double ridge, boolean groupBySite, boolean combat,
    String positive, long seed, int[] hiddenLayers, int blockSize, double stepSize) {
  /** The model names, as {@code --model} takes them. */
  public static final List<String> MODELS = List.of("logistic", "svm", "forest", "gbt", "mlp");

  public ClassificationSettings {
    if (!MODELS.contains(model)) {
      throw new IllegalArgumentException("model '" + model
          + "' unknown: use logistic, svm, forest, gbt or mlp");
    }
    if (Arrays.stream(hiddenLayers).anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("hidden layer sizes must be positive, got "
          + Arrays.toString(hiddenLayers));
    }
    if (blockSize < 1 || !(stepSize > 0)) {
      throw new IllegalArgumentException("block size must be positive and step size above 0, "
          + "got " + blockSize + " and " + stepSize);
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
