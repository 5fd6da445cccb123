package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AUC against counting pairs, and the confusion-derived balanced accuracy. */
class BinaryMetricsTest {

  @Test
  void aucCountsCorrectlyOrderedPairsWithTiesAsHalf() {
    SplittableRandom random = new SplittableRandom(4);
    double[] label = new double[40];
    double[] score = new double[40];
    for (int i = 0; i < label.length; i++) {
      label[i] = random.nextInt(2);
      score[i] = random.nextInt(6) + label[i];
    }
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < label.length; i++) {
      for (int j = 0; j < label.length; j++) {
        if (label[i] == 1 && label[j] == 0) {
          pairs++;
          wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(wins / pairs, BinaryMetrics.auc(label, score), 1e-12);
    assertTrue(Double.isNaN(BinaryMetrics.auc(new double[] {1, 1}, new double[] {0, 1})));
  }

  @Test
  void balancedAccuracyAveragesSensitivityAndSpecificity() {
    BinaryMetrics.Confusion c = BinaryMetrics.confusion(new double[] {1, 1, 1, 0, 0},
        new double[] {1, 1, 0, 0, 1});
    assertEquals(new BinaryMetrics.Confusion(2, 1, 1, 1), c);
    assertEquals((2 / 3.0 + 1 / 2.0) / 2, c.balancedAccuracy(), 1e-12);
  }
}
