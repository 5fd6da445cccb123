package org.sparkconnectome.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Cross-validation folds over groups (subjects, or sites): every row of a group lands in the
 * same fold, so no subject is in training and test at once. The assignment depends on the group
 * names and the seed only, never on the labels, so permuted labels see the very same folds.
 */
public final class SubjectFolds {
  private SubjectFolds() {
  }

  /** Fold (0..k-1) of each row, for the given group of each row. */
  public static int[] assign(List<String> groupOfRow, int folds, long seed) {
    List<String> groups = new ArrayList<>(new TreeSet<>(groupOfRow));
    if (groups.size() < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 groups, found "
          + groups.size());
    }
    int k = Math.min(folds, groups.size());
    SplittableRandom random = new SplittableRandom(Permutations.seedOf(seed, -1));
    for (int i = groups.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = groups.get(i);
      groups.set(i, groups.get(j));
      groups.set(j, t);
    }
    Map<String, Integer> fold = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      fold.put(groups.get(i), i % k);
    }
    int[] out = new int[groupOfRow.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = fold.get(groupOfRow.get(r));
    }
    return out;
  }

  /** Number of distinct folds in an assignment. */
  public static int count(int[] foldOfRow) {
    int max = -1;
    for (int f : foldOfRow) {
      max = Math.max(max, f);
    }
    return max + 1;
  }
}
