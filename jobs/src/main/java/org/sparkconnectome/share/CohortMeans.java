package org.sparkconnectome.share;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.posexplode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cohort mean matrix of every atlas and measure in the connectome table, each cell the mean
 * over the runs with a finite value there; a cell seen in fewer than the minimum number of
 * subjects is written as {@code n/a}, so that no summary describes a handful of people.
 */
final class CohortMeans {
  /** One atlas and measure: its regions, cell means and subject counts (full n x n). */
  record Matrix(String atlas, String measure, List<String> regions, double[] mean,
      long[] subjects) {
  }

  private CohortMeans() {
  }

  /** Per atlas and measure; the driver holds one matrix at a time, bounded by the atlas. */
  static Iterator<Matrix> of(Dataset<Row> connectomes) {
    Dataset<Row> cells = connectomes
        .select(col("atlas"), col("measure"), col("subject"), col("n_regions"), col("regions"),
            posexplode(col("upper")).as(new String[] {"cell", "value"}))
        .filter("NOT isnan(value)")
        .groupBy("atlas", "measure", "cell")
        .agg(avg("value").as("mean"), countDistinct("subject").as("subjects"),
            first("n_regions").as("n"), first("regions").as("regions"))
        .orderBy("atlas", "measure", "cell");
    Iterator<Row> rows = cells.toLocalIterator();
    return new Iterator<>() {
      private Row pending = rows.hasNext() ? rows.next() : null;

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public Matrix next() {
        String atlas = pending.getString(0);
        String measure = pending.getString(1);
        int n = pending.getInt(5);
        List<String> regions = pending.getList(6);
        List<Row> group = new ArrayList<>();
        while (pending != null && pending.getString(0).equals(atlas)
            && pending.getString(1).equals(measure)) {
          group.add(pending);
          pending = rows.hasNext() ? rows.next() : null;
        }
        double[] mean = new double[n * n];
        long[] subjects = new long[n * n];
        java.util.Arrays.fill(mean, Double.NaN);
        boolean full = group.stream().anyMatch(r -> r.getInt(2) >= n * (n + 1) / 2);
        for (Row r : group) {
          int cell = r.getInt(2);
          int[] ij = full ? new int[] {cell / n, cell % n} : upperIndex(cell, n);
          for (int[] at : full ? new int[][] {ij} : new int[][] {ij, {ij[1], ij[0]}}) {
            mean[at[0] * n + at[1]] = r.getDouble(3);
            subjects[at[0] * n + at[1]] = r.getLong(4);
          }
        }
        return new Matrix(atlas, measure, regions, mean, subjects);
      }
    };
  }

  /** Row and column of the k-th value of an upper triangle with its diagonal (mat2vec). */
  static int[] upperIndex(int k, int n) {
    int i = 0;
    int rowLength = n;
    while (k >= rowLength) {
      k -= rowLength;
      i++;
      rowLength--;
    }
    return new int[] {i, i + k};
  }

  /** The relmat TSV of a matrix, cells below {@code minSubjects} as n/a; counts them. */
  static String relmat(Matrix m, int minSubjects, long[] suppressed) {
    int n = m.regions().size();
    StringBuilder tsv = new StringBuilder("Node");
    for (String r : m.regions()) {
      tsv.append('\t').append(r);
    }
    tsv.append('\n');
    for (int i = 0; i < n; i++) {
      tsv.append(m.regions().get(i));
      for (int j = 0; j < n; j++) {
        double v = m.mean()[i * n + j];
        boolean few = m.subjects()[i * n + j] < minSubjects;
        if (few && !Double.isNaN(v)) {
          suppressed[0]++;
        }
        tsv.append('\t').append(few || Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT,
            "%s", v));
      }
      tsv.append('\n');
    }
    return tsv.toString();
  }
}
