package org.sparkconnectome.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.testing.RequiredTool;
import org.sparkconnectome.testing.SharedSpark;

/**
 * The NBS against MRtrix3 {@code connectomestats ... nbs} on the same cohort, design (intercept,
 * group, age) and threshold (MRtrix3 3.0 thresholds the Z equivalent of t): identical t
 * statistics and components, and FWE p-values that agree within permutation noise. Needs MRtrix3
 * (Debian package mrtrix3; missing, the test fails unless -Dconnectome.peers=skip:mrtrix3).
 */
class NbsMrtrixAgreementTest {
  private static final Path BINARY = Path.of("/usr/bin/connectomestats");

  @RegisterExtension
  static final RequiredTool MRTRIX3 = RequiredTool.executables("mrtrix3",
      "install the Debian package mrtrix3", BINARY);
  private static final int REGIONS = 14;
  private static final int SUBJECTS = 24;
  private static final int PERMUTATIONS = 2000;
  private static final double THRESHOLD = 2.0;

  @Test
  void matchesConnectomestats(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(2024);
    double[][] data = new double[SUBJECTS][];
    double[][] design = new double[SUBJECTS][];
    EdgeComponents network = EdgeComponents.upperTriangle(REGIONS);
    List<String> list = new ArrayList<>();
    for (int s = 0; s < SUBJECTS; s++) {
      int group = s % 2;
      double age = 20 + 40 * random.nextDouble();
      design[s] = new double[] {1, group, age - 40};
      double[] edges = new double[network.edges()];
      for (int k = 0; k < edges.length; k++) {
        int a = network.first()[k];
        int b = network.second()[k];
        edges[k] = gaussian(random) + 0.02 * age;
        // Planted: regions 0-3 stronger in group 1 (a 6-edge component).
        if (group == 1 && a < 4 && b < 4) {
          edges[k] += 1.5;
        }
        // A weaker effect between regions 8-10, for p-values away from 0.
        if (group == 1 && a >= 8 && b <= 10) {
          edges[k] += 1.0;
        }
      }
      data[s] = edges;
      Path file = dir.resolve("s" + s + ".txt");
      writeMatrix(file, edges, network);
      list.add(file.getFileName().toString());
    }
    Files.write(dir.resolve("list.txt"), list);
    try (Writer w = Files.newBufferedWriter(dir.resolve("design.txt"))) {
      for (double[] row : design) {
        w.write(String.format(Locale.ROOT, "%.17g %.17g %.17g%n", row[0], row[1], row[2]));
      }
    }
    Files.writeString(dir.resolve("contrast.txt"), "0 1 0\n");
    Process mrtrix = new ProcessBuilder(BINARY.toString(), "list.txt", "nbs", "design.txt",
        "contrast.txt", "mr_", "-threshold", Double.toString(THRESHOLD), "-nshuffles",
        Integer.toString(PERMUTATIONS), "-quiet", "-nthreads", "1")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String log = new String(mrtrix.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, mrtrix.waitFor(), "connectomestats failed: " + log);

    EdgeGlm glm = EdgeGlm.prepare(data, design, 1);
    NbsResult ours = NetworkBasedStatistic.run(
        JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext()), glm, network,
        NetworkBasedStatistic.tThreshold(THRESHOLD, "z", glm.degreesOfFreedom()),
        PERMUTATIONS, 7);
    double[][] tMrtrix = readMatrix(dir.resolve("mr_tvalue.csv"));
    double[][] enhanced = readMatrix(dir.resolve("mr_enhanced.csv"));
    double[][] oneMinusP = readMatrix(dir.resolve("mr_fwe_1mpvalue.csv"));
    for (int k = 0; k < network.edges(); k++) {
      int a = network.first()[k];
      int b = network.second()[k];
      assertEquals(tMrtrix[a][b], ours.t()[k], 1e-8 * Math.max(1, Math.abs(ours.t()[k])),
          "t of edge " + a + "-" + b);
    }
    for (int k = 0; k < network.edges(); k++) {
      int a = network.first()[k];
      int b = network.second()[k];
      int size = ours.componentOfEdge()[k] < 0 ? 0
          : ours.components().get(ours.componentOfEdge()[k]).size();
      assertEquals(enhanced[a][b], size, 1e-9, "component size of edge " + a + "-" + b);
    }
    assertTrue(ours.components().size() >= 2, "expected the planted and the weak component");
    NbsResult.Component planted = ours.components().get(0);
    for (int k = 0; k < network.edges(); k++) {
      if (network.first()[k] < 4 && network.second()[k] < 4) {
        assertEquals(0, ours.componentOfEdge()[k], "planted edge " + k + " in component 1");
      }
    }
    for (NbsResult.Component c : ours.components()) {
      int k = c.edges()[0];
      double theirs = 1 - oneMinusP[network.first()[k]][network.second()[k]];
      // MRtrix3 counts null maxima strictly above the size (its null includes the identity);
      // ours counts ties too, as the NBS toolbox, and adds the observed labelling. Compare the
      // same convention computed from our null, then check ours is the more conservative.
      long above = Arrays.stream(ours.nullMaxSize()).filter(v -> v > c.size()).count();
      double strict = above / (double) PERMUTATIONS;
      double p = Math.max(strict, 1.0 / PERMUTATIONS);
      double tolerance = 4 * Math.sqrt(2 * p * (1 - p) / PERMUTATIONS) + 2.0 / PERMUTATIONS;
      System.out.printf("component of %d edges: p = %.4f (strict %.4f), MRtrix3 p = %.4f%n",
          c.size(), c.pValue(), strict, theirs);
      assertEquals(theirs, strict, tolerance, "p of the component of size " + c.size());
      assertTrue(c.pValue() >= strict);
    }
    assertTrue(planted.pValue() < 0.05);
  }

  private static void writeMatrix(Path file, double[] edges, EdgeComponents network)
      throws IOException {
    double[][] m = new double[REGIONS][REGIONS];
    for (int k = 0; k < edges.length; k++) {
      m[network.first()[k]][network.second()[k]] = edges[k];
      m[network.second()[k]][network.first()[k]] = edges[k];
    }
    StringBuilder sb = new StringBuilder();
    for (double[] row : m) {
      for (int j = 0; j < row.length; j++) {
        sb.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.17g", row[j]));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb.toString());
  }

  private static double[][] readMatrix(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> Arrays.stream(l.trim().split("[,\\s]+"))
            .mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
