package org.sparkconnectome.formats.dwi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.testing.TestData;

class FslGradientsTest {
  @TempDir
  Path dir;

  private static Path formats() {
    return TestData.formats();
  }

  /** The numbers of a text file, row by row, read independently of the code under test. */
  private static double[][] rawRows(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    double[][] rows = new double[lines.size()][];
    for (int i = 0; i < rows.length; i++) {
      String[] tokens = lines.get(i).trim().split("\\s+");
      rows[i] = new double[tokens.length];
      for (int j = 0; j < tokens.length; j++) {
        rows[i][j] = tokens[j].equalsIgnoreCase("nan") ? Double.NaN
            : Double.parseDouble(tokens[j]);
      }
    }
    return rows;
  }

  @Test
  void readsSmall25InRows() throws IOException {
    Path formats = formats();
    double[][] raw = rawRows(formats.resolve("small_25.bvec"));
    int volumes = raw[0].length;
    // small_25.nii.gz has this many volumes (26, despite the name).
    GradientTable table = FslGradients.read(source(formats, "small_25.bval"),
        source(formats, "small_25.bvec"), 26);
    assertEquals(volumes, table.count());
    assertArrayEquals(rawRows(formats.resolve("small_25.bval"))[0], table.bvals());
    for (int v = 0; v < volumes; v++) {
      double[] direction = {raw[0][v], raw[1][v], raw[2][v]};
      assertUnitAlong(direction, table.bvecs()[v], "volume " + v);
    }
    boolean[] mask = table.b0Mask();
    assertTrue(mask[0]);
    for (int v = 1; v < volumes; v++) {
      assertEquals(false, mask[v], "volume " + v);
    }
  }

  @Test
  void readsSmall64DInColumnsWithNanB0Vector() throws IOException {
    Path formats = formats();
    GradientTable table = FslGradients.read(source(formats, "small_64D.bval"),
        source(formats, "small_64D.bvec"));
    double[][] raw = rawRows(formats.resolve("small_64D.bvec"));
    double[] bvals = rawRows(formats.resolve("small_64D.bval"))[0];
    assertEquals(raw.length, table.count());
    assertEquals(bvals.length, table.count());
    assertArrayEquals(new double[] {0, 0, 0}, table.bvecs()[0]);
    for (int v = 1; v < raw.length; v++) {
      assertUnitAlong(raw[v], table.bvecs()[v], "volume " + v);
    }
    boolean[] mask = table.b0Mask(GradientTable.DEFAULT_B0_THRESHOLD);
    for (int v = 0; v < bvals.length; v++) {
      assertEquals(bvals[v] <= 50, mask[v], "volume " + v);
    }
    assertEquals(0, countTrue(table.b0Mask(-1)));
    assertEquals(bvals.length, countTrue(table.b0Mask(1e9)));
  }

  @Test
  void acceptsTabsCommasCommentsAndOneColumnBvals() throws IOException {
    LocalDataSource bval = write("a.bval", "# b-values\n0\n1000\n1000\n");
    LocalDataSource bvec = write("a.bvec", "0,1,0\n0\t0\t2\n0 0 0 # x, y, z rows\n");
    GradientTable table = FslGradients.read(bval, bvec);
    assertArrayEquals(new double[] {0, 1000, 1000}, table.bvals());
    assertArrayEquals(new double[] {0, 0, 0}, table.bvecs()[0]);
    assertArrayEquals(new double[] {1, 0, 0}, table.bvecs()[1]);
    assertArrayEquals(new double[] {0, 1, 0}, table.bvecs()[2]);
  }

  @Test
  void refusesMismatchedCountsNamingBothFiles() throws IOException {
    LocalDataSource bval = write("x.bval", "0 1000 1000");
    LocalDataSource bvec = write("x.bvec", "0 1 0 1\n0 0 1 1\n0 0 0 1\n");
    FormatException e = assertThrows(FormatException.class, () -> FslGradients.read(bval, bvec));
    assertTrue(e.getMessage().contains("x.bval") && e.getMessage().contains("x.bvec")
        && e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());

    LocalDataSource good = write("y.bvec", "0 1 0\n0 0 1\n0 0 0\n");
    FormatException volumes = assertThrows(FormatException.class,
        () -> FslGradients.read(bval, good, 5));
    assertTrue(volumes.getMessage().contains("x.bval") && volumes.getMessage().contains("y.bvec")
        && volumes.getMessage().contains("3 gradients") && volumes.getMessage().contains("5"),
        volumes.getMessage());
  }

  @Test
  void refusesMalformedFiles() throws IOException {
    LocalDataSource bvec = write("ok.bvec", "0 1 0\n0 0 1\n0 0 0\n");
    assertFault("not a number", write("b1.bval", "0 1000 abc"), bvec);
    assertFault("negative", write("b2.bval", "0 -1000 1000"), bvec);
    assertFault("no numbers", write("b3.bval", "\n# nothing\n"), bvec);
    assertFault("one row", write("b4.bval", "0 1000 1000\n0 1000 1000\n"), bvec);
    LocalDataSource bval = write("ok.bval", "0 1000 1000");
    assertFault("3 rows", bval, write("v1.bvec", "0 1 0 1\n0 0 1 1\n"));
    assertFault("line 2", bval, write("v2.bvec", "0 1 0\n0 0\n0 0 0\n"));
    assertFault("infinite", bval, write("v3.bvec", "0 1 0\n0 inf 1\n0 0 0\n"));
  }

  private void assertFault(String expected, LocalDataSource bval, LocalDataSource bvec) {
    FormatException e = assertThrows(FormatException.class, () -> FslGradients.read(bval, bvec));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static void assertUnitAlong(double[] raw, double[] unit, String where) {
    double norm = Math.sqrt(raw[0] * raw[0] + raw[1] * raw[1] + raw[2] * raw[2]);
    if (norm == 0) {
      assertArrayEquals(new double[] {0, 0, 0}, unit, where);
      return;
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(raw[i] / norm, unit[i], 1e-12, where);
    }
    assertEquals(1, Math.sqrt(unit[0] * unit[0] + unit[1] * unit[1] + unit[2] * unit[2]), 1e-12);
  }

  private static int countTrue(boolean[] mask) {
    int n = 0;
    for (boolean b : mask) {
      n += b ? 1 : 0;
    }
    return n;
  }

  private static LocalDataSource source(Path dir, String name) {
    return new LocalDataSource(dir.resolve(name));
  }

  private LocalDataSource write(String name, String text) throws IOException {
    return new LocalDataSource(Files.writeString(dir.resolve(name), text));
  }
}
