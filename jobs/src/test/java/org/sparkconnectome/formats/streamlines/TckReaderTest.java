package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

class TckReaderTest {
  private static final float[][] STREAMLINES = {
      {0, 1, 2},
      {-1.5f, 2.25f, 1e6f, 3, 4, 5},
      {0.1f, 0.2f, 0.3f, Float.NaN, 7, 8, 9, 10, 11}};

  @TempDir
  Path dir;

  @Test
  void readsSimpleTck() throws IOException {
    LocalDataSource file = new LocalDataSource(TestFiles.formats().resolve("simple.tck"));
    try (TckReader reader = TckReader.open(file)) {
      assertEquals(TckDataType.FLOAT32LE, reader.header().dataType());
      assertEquals(67, reader.header().dataOffset());
      assertEquals(3, reader.header().declaredCount().getAsLong());
    }
    List<float[]> all = TestFiles.readAll(TckReader.open(file));
    assertEquals(3, all.size());
    assertArrayEquals(new float[] {0, 1, 2}, all.get(0));
    assertEquals(15, all.get(2).length);
  }

  @Test
  void readsEveryDataType() throws IOException {
    for (TckDataType type : TckDataType.values()) {
      LocalDataSource file = TestFiles.write(dir, type + ".tck",
          TestFiles.tck("count: 3\n", type, STREAMLINES, true));
      List<float[]> all = TestFiles.readAll(TckReader.open(file));
      assertEquals(STREAMLINES.length, all.size(), type.toString());
      for (int i = 0; i < all.size(); i++) {
        assertArrayEquals(STREAMLINES[i], all.get(i), type + " streamline " + i);
      }
    }
  }

  @Test
  void joinsRepeatedAndContinuedHeaderFields() throws IOException {
    String fields = "command_history: tckgen in.mif out.tck\n"
        + "timestamp: 1700000000.5\n"
        + "command_history: tckedit out.tck small.tck -number 3\n"
        + "   continued without a colon\n"
        + "roi: seed image.nii\n";
    LocalDataSource file = TestFiles.write(dir, "multi.tck",
        TestFiles.tck(fields, TckDataType.FLOAT32LE, STREAMLINES, true));
    try (TckReader reader = TckReader.open(file)) {
      assertEquals("tckgen in.mif out.tck\ntckedit out.tck small.tck -number 3\n"
          + "continued without a colon", reader.header().fields().get("command_history"));
      assertEquals("seed image.nii", reader.header().fields().get("roi"));
      assertEquals(List.of("command_history", "timestamp", "roi", "datatype", "file"),
          List.copyOf(reader.header().fields().keySet()));
      assertTrue(reader.header().declaredCount().isEmpty());
    }
  }

  @Test
  void skipsEmptyStreamlinesAsNibabelDoes() throws IOException {
    float[][] withEmpty = {{1, 2, 3}, {}, {4, 5, 6}};
    LocalDataSource file = TestFiles.write(dir, "empty-one.tck",
        TestFiles.tck("", TckDataType.FLOAT32LE, withEmpty, true));
    List<float[]> all = TestFiles.readAll(TckReader.open(file));
    assertEquals(2, all.size());
    assertArrayEquals(new float[] {4, 5, 6}, all.get(1));
  }

  @Test
  void refusesNoMagicNumber() throws IOException {
    LocalDataSource file = new LocalDataSource(TestFiles.formats().resolve("no_magic_number.tck"));
    FormatException e = assertThrows(FormatException.class, () -> TckReader.open(file));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
    assertTrue(e.getMessage().contains("no_magic_number.tck"), e.getMessage());
  }

  @Test
  void refusesBrokenHeaders() throws IOException {
    byte[] good = TestFiles.tck("", TckDataType.FLOAT32LE, STREAMLINES, true);
    String text = new String(good, StandardCharsets.ISO_8859_1);
    assertFault("no 'datatype:'", text.replace("datatype: Float32LE\n", "x: y\n"));
    assertFault("unsupported datatype 'Int16LE'", text.replace("Float32LE", "Int16LE  "));
    assertFault("no 'file:'", text.replace("file: . ", "fil:   "));
    assertFault("beyond the end", text.replace("file: . 0", "file: . 9"));
    assertFault("inside the header", text.replace("file: . 0", "file: . 00"));
    assertFault("not a byte position", text.replace("file: . 0", "file: . x"));
    assertFault("data must follow", text.replace("file: . 0", "file: a 0"));
    assertFault("no END", text.replace("END\n", "ENd\n"));
    assertFault("magic", text.replace("mrtrix tracks", "mrtrix images"));
  }

  @Test
  void refusesTruncatedData() throws IOException {
    byte[] good = TestFiles.tck("", TckDataType.FLOAT32LE, STREAMLINES, true);
    byte[] noEnd = TestFiles.tck("", TckDataType.FLOAT32LE, STREAMLINES, false);
    // nibabel refuses a file without the Inf end marker, even after a complete streamline.
    assertFault("without the end-of-file marker", noEnd);
    assertFault("inside the streamline", Arrays.copyOf(noEnd, noEnd.length - 12));
    assertFault("partial point record", Arrays.copyOf(good, good.length - 5));
    assertFault("follow the end-of-file marker", TestFiles.concat(good, new byte[12]));
    byte[] unterminated = Arrays.copyOf(noEnd, noEnd.length);
    // Overwrite the last NaN delimiter with the Inf end marker.
    System.arraycopy(good, good.length - 12, unterminated, unterminated.length - 12, 12);
    assertFault("no NaN delimiter", unterminated);
  }

  private void assertFault(String expected, String text) throws IOException {
    assertFault(expected, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void assertFault(String expected, byte[] bytes) throws IOException {
    LocalDataSource file = TestFiles.write(dir, "broken.tck", bytes);
    FormatException e = assertThrows(FormatException.class,
        () -> TestFiles.readAll(TckReader.open(file)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.name()), e.getMessage());
  }
}
