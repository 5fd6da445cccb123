package org.sparkconnectome.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.sparkconnectome.kernels.correlation.VoxelSeries;

/** Shared reference files and naive references for the kernel tests. */
public final class ReferenceData {

  private ReferenceData() {
  }

  /**
   * {@code data-samples/reference}, committed with the project: from {@code -Dreference.data}
   * (Maven and the GPU check folder set it), else found above the working directory.
   */
  public static Path referenceDir() {
    String dir = System.getProperty("reference.data");
    Path path = dir != null ? Path.of(dir) : findAbove(Path.of("").toAbsolutePath());
    assertTrue(path != null && Files.isDirectory(path.resolve("signal")),
        "reference data not found at " + path + " (committed under data-samples/reference;"
            + " set -Dreference.data)");
    return path;
  }

  private static Path findAbove(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve("data-samples").resolve("reference");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** A file of data-samples/reference/signal; fails (never skips) when it is missing. */
  public static JsonNode signal(String name) throws IOException {
    Path file = referenceDir().resolve("signal").resolve(name);
    assertTrue(Files.isRegularFile(file), "missing reference file " + file);
    return new ObjectMapper().readTree(file.toFile());
  }

  /** connectivity.json's input (rows are time points) as series-major voxel series. */
  public static VoxelSeries connectivityInput(JsonNode ref) {
    JsonNode input = ref.get("input");
    int t = input.size();
    int n = input.get(0).size();
    float[] values = new float[t * n];
    for (int k = 0; k < t; k++) {
      for (int i = 0; i < n; i++) {
        values[i * t + k] = (float) input.get(k).get(i).asDouble();
      }
    }
    return new VoxelSeries(values, t, n);
  }

  /** Gaussian random series with some shared signal so that strong correlations exist. */
  public static VoxelSeries randomSeries(int t, int n, long seed) {
    Random random = new Random(seed);
    double[] common = new double[t];
    for (int k = 0; k < t; k++) {
      common[k] = random.nextGaussian();
    }
    float[] values = new float[t * n];
    for (int i = 0; i < n; i++) {
      double loading = random.nextDouble() * 1.5 - 0.5;
      for (int k = 0; k < t; k++) {
        values[i * t + k] = (float) (loading * common[k] + random.nextGaussian());
      }
    }
    return new VoxelSeries(values, t, n);
  }

  /** Pearson r in double, the way numpy's corrcoef computes it. */
  public static double[] naivePearson(VoxelSeries series) {
    int t = series.timepoints();
    int n = series.count();
    double[][] z = new double[n][t];
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (int k = 0; k < t; k++) {
        mean += series.values()[i * t + k];
      }
      mean /= t;
      double norm = 0;
      for (int k = 0; k < t; k++) {
        z[i][k] = series.values()[i * t + k] - mean;
        norm += z[i][k] * z[i][k];
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int k = 0; k < t; k++) {
        z[i][k] *= scale;
      }
    }
    double[] r = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < t; k++) {
          dot += z[i][k] * z[j][k];
        }
        r[i * n + j] = dot;
        r[j * n + i] = dot;
      }
    }
    return r;
  }
}
