package org.sparkconnectome.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Nested cross-validation splits over subjects: outer folds that give held-out predictions and,
 * within each outer training set, inner folds that choose the penalty. Like {@link SubjectFolds}
 * they depend on subject names and the seed only, so a permuted target sees the same splits.
 */
final class NestedSplits implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Per outer fold, the training and the held-out subjects (indices). */
  final int[][] outerTrain;
  final int[][] outerTest;
  /** Per outer fold and inner fold, training and validation subjects (global indices). */
  final int[][][] innerTrain;
  final int[][][] innerTest;
  /** Outer fold of each subject. */
  final int[] fold;

  private NestedSplits(int[][] outerTrain, int[][] outerTest, int[][][] innerTrain,
      int[][][] innerTest, int[] fold) {
    this.outerTrain = outerTrain;
    this.outerTest = outerTest;
    this.innerTrain = innerTrain;
    this.innerTest = innerTest;
    this.fold = fold;
  }

  static NestedSplits of(List<String> subjects, int folds, int innerFolds, long seed) {
    int[] fold = SubjectFolds.assign(subjects, folds, seed);
    int k = SubjectFolds.count(fold);
    int[][] outerTrain = new int[k][];
    int[][] outerTest = new int[k][];
    int[][][] innerTrain = new int[k][][];
    int[][][] innerTest = new int[k][][];
    for (int f = 0; f < k; f++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int s = 0; s < fold.length; s++) {
        (fold[s] == f ? te : tr).add(s);
      }
      outerTrain[f] = ints(tr);
      outerTest[f] = ints(te);
      List<String> names = tr.stream().map(subjects::get).toList();
      int[] inner = SubjectFolds.assign(names, innerFolds, Permutations.seedOf(seed, -2 - f));
      int g = SubjectFolds.count(inner);
      innerTrain[f] = new int[g][];
      innerTest[f] = new int[g][];
      for (int i = 0; i < g; i++) {
        List<Integer> itr = new ArrayList<>();
        List<Integer> ite = new ArrayList<>();
        for (int j = 0; j < inner.length; j++) {
          (inner[j] == i ? ite : itr).add(tr.get(j));
        }
        innerTrain[f][i] = ints(itr);
        innerTest[f][i] = ints(ite);
      }
    }
    return new NestedSplits(outerTrain, outerTest, innerTrain, innerTest, fold);
  }

  int folds() {
    return outerTrain.length;
  }

  private static int[] ints(List<Integer> v) {
    return v.stream().mapToInt(Integer::intValue).toArray();
  }
}
