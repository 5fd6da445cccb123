package org.sparkconnectome.formats.cifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every committed CIFTI file and compares it with what nibabel read from it. */
class CiftiFileTest {

  @TestFactory
  Stream<DynamicTest> agreesWithNibabel() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode expected : CiftiExpectations.goodFiles()) {
      String file = expected.get("file").asText();
      tests.add(DynamicTest.dynamicTest(file, () -> compare(file, expected)));
    }
    return tests.stream();
  }

  private static void compare(String file, JsonNode expected) throws IOException {
    CiftiFile cifti = CiftiExpectations.open(file);
    assertEquals(expected.get("intent").asText(), cifti.intent(), "intent");
    assertEquals(expected.get("intent_code").asInt(), cifti.header().intentCode());
    assertEquals(expected.get("shape").get(0).asInt(), cifti.rows(), "rows");
    assertEquals(expected.get("shape").get(1).asInt(), cifti.columns(), "columns");
    assertEquals(expected.get("datatype").asText(),
        cifti.header().dataType().numpyName(cifti.header().byteOrder()), "datatype");
    assertEquals(expected.get("axes").size(), cifti.axes().size());
    for (int d = 0; d < cifti.axes().size(); d++) {
      CiftiExpectations.assertAxis(expected.get("axes").get(d), cifti.axes().get(d),
          "axis " + d);
    }
    float[][] all = cifti.readAll();
    double diff = CiftiExpectations.maxDifference(expected.get("data"), all);
    assertTrue(diff <= CiftiExpectations.TOLERANCE, file + ": max relative difference " + diff);
    System.out.printf("cifti %s: max |ours - nibabel| / max(1, |v|) = %.3g%n", file, diff);
  }

  @TestFactory
  Stream<DynamicTest> streamsEqualReadAll() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode expected : CiftiExpectations.goodFiles()) {
      String file = expected.get("file").asText();
      tests.add(DynamicTest.dynamicTest(file, () -> {
        CiftiFile cifti = CiftiExpectations.open(file);
        float[][] all = cifti.readAll();
        // One block, a block of 3 rows and single-row blocks: every way a pass can split.
        for (long budget : new long[] {CiftiRowStream.DEFAULT_BLOCK_BYTES,
            3L * cifti.columns() * Float.BYTES, 1}) {
          float[] row = new float[cifti.columns()];
          try (CiftiRowStream rows = cifti.streamRows(budget)) {
            int i = 0;
            while (rows.next(row)) {
              assertArrayEquals(all[i], row, "row " + i + " with a budget of " + budget);
              i++;
            }
            assertEquals(cifti.rows(), i);
            assertFalse(rows.next(row));
          }
        }
        double[] column = new double[cifti.rows()];
        try (CiftiColumnStream columns = cifti.streamColumns()) {
          int j = 0;
          while (columns.next(column)) {
            for (int i = 0; i < column.length; i++) {
              assertEquals(all[i][j], (float) column[i], "column " + j + " row " + i);
            }
            j++;
          }
          assertEquals(cifti.columns(), j);
        }
      }));
    }
    return tests.stream();
  }

  @Test
  void defaultBlockOfADenseSeriesFitsItsBudget() throws IOException {
    CiftiFile cifti = CiftiExpectations.open("sample.dtseries.nii");
    try (CiftiRowStream rows = cifti.streamRows()) {
      assertEquals(cifti.rows(), rows.blockRows(), "a small file is one block");
    }
    try (CiftiRowStream rows = cifti.streamRows(5L * cifti.columns() * Float.BYTES)) {
      assertEquals(5, rows.blockRows());
    }
  }

  @Test
  void refusesRowBuffersThatAreTooShort() throws IOException {
    CiftiFile cifti = CiftiExpectations.open("sample.dtseries.nii");
    try (CiftiRowStream rows = cifti.streamRows()) {
      assertThrows(IllegalArgumentException.class, () -> rows.next(new float[3]));
    }
  }
}
