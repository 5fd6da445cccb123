package org.sparkconnectome.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.sparkconnectome.testing.TestData;

/** Loads the numpy/scipy/sklearn reference vectors (data-samples/reference/signal) for tests. */
public final class SignalReference {

  private SignalReference() {
  }

  static JsonNode load(String name) throws IOException {
    Path file = TestData.referenceFile("signal", name);
    return new ObjectMapper().readTree(file.toFile());
  }

  /** A JSON list of rows into a row-major series. */
  public static TimeSeries series(JsonNode rows) {
    int t = rows.size();
    int n = rows.get(0).size();
    double[] values = new double[t * n];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < n; j++) {
        values[i * n + j] = rows.get(i).get(j).asDouble();
      }
    }
    return new TimeSeries(t, n, values);
  }

  static double maxAbs(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  /** Element-wise comparison within {@code relative * max|expected|}. */
  static void assertClose(double[] expected, double[] actual, double relative, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double tolerance = relative * Math.max(1e-300, maxAbs(expected));
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
    }
  }
}
