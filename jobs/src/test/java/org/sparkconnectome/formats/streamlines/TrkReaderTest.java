package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

class TrkReaderTest {
  /** The voxmm points every hand-built file stores. */
  private static final float[][] VOXMM = {
      {1, 2, 3, 4.5f, 5.5f, 6.5f, 10, 20, 30},
      {0, 0, 0},
      {3.25f, 7.75f, 11, 2, 1, 0.5f}};
  private static final double[][] IDENTITY = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0},
      {0, 0, 0, 1}};

  @TempDir
  Path dir;

  @Test
  void standardTrkHoldsTheSameStreamlinesAsStandardTck() throws IOException {
    Path formats = TestFiles.formats();
    List<float[]> trk = TestFiles.readAll(
        TrkReader.open(new LocalDataSource(formats.resolve("standard.trk"))));
    List<float[]> tck = TestFiles.readAll(
        TckReader.open(new LocalDataSource(formats.resolve("standard.tck"))));
    assertEquals(120, trk.size());
    assertEquals(tck.size(), trk.size());
    for (int i = 0; i < trk.size(); i++) {
      assertArrayEquals(tck.get(i), trk.get(i), 1e-5f, "streamline " + i);
    }
  }

  // Expected values below are what nibabel 5.0 returns for the same bytes.
  @Test
  void bigEndianLpsWithScalarsAndProperties() throws IOException {
    ByteBuffer header = TestFiles.trkHeader(ByteOrder.BIG_ENDIAN, 2,
        new short[] {91, 109, 91}, new float[] {2, 2, 2}, "LPS",
        new double[][] {{-2, 0, 0, 90}, {0, 2, 0, -126}, {0, 0, 2, -72}, {0, 0, 0, 1}}, 1, 2, 3);
    LocalDataSource file = TestFiles.write(dir, "be.trk", TestFiles.concat(header.array(),
        TestFiles.trkData(ByteOrder.BIG_ENDIAN, VOXMM, 1, 2)));
    try (TrkReader reader = TrkReader.open(file)) {
      assertEquals(ByteOrder.BIG_ENDIAN, reader.header().byteOrder());
      assertTrue(reader.next());
      assertArrayEquals(new float[] {90, 89, -70, 86.5f, 85.5f, -66.5f, 81, 71, -43},
          reader.copyPoints(), 1e-5f);
      assertArrayEquals(new float[] {0, 1, 2}, java.util.Arrays.copyOf(reader.scalars(), 3));
      assertArrayEquals(new float[] {7.5f, 8.5f}, reader.properties());
      assertTrue(reader.next());
      assertArrayEquals(new float[] {91, 91, -73}, reader.copyPoints(), 1e-5f);
      assertTrue(reader.next());
      assertArrayEquals(new float[] {87.75f, 83.25f, -62, 89, 90, -72.5f}, reader.copyPoints(),
          1e-5f);
      assertFalse(reader.next());
    }
  }

  @Test
  void versionOneIgnoresTheAffineFieldAndReadsToTheEndWhenCountIsZero() throws IOException {
    // A v1 file's bytes 440..503 are reserved: garbage there must not be taken as an affine.
    double[][] garbage = {{5, 1, 0, 3}, {0, 7, 0, 0}, {1, 0, 2, 0}, {0, 0, 0, 9}};
    ByteBuffer header = TestFiles.trkHeader(ByteOrder.LITTLE_ENDIAN, 1,
        new short[] {10, 20, 30}, new float[] {1.5f, 2, 3}, "LAS", garbage, 0, 0, 0);
    LocalDataSource file = TestFiles.write(dir, "v1.trk", TestFiles.concat(header.array(),
        TestFiles.trkData(ByteOrder.LITTLE_ENDIAN, VOXMM, 0, 0)));
    List<float[]> all = TestFiles.readAll(TrkReader.open(file));
    assertEquals(3, all.size());
    assertArrayEquals(new float[] {8.833333f, 0.5f, 0.5f, 6.5f, 2.25f, 1.666667f,
        2.833333f, 9.5f, 9.5f}, all.get(0), 1e-5f);
    assertArrayEquals(new float[] {9.5f, -0.5f, -0.5f}, all.get(1), 1e-5f);
    assertArrayEquals(new float[] {7.333333f, 3.375f, 3.166667f, 8.166667f, 0, -0.333333f},
        all.get(2), 1e-5f);
  }

  @Test
  void permutedVoxelOrderAgainstPermutedAffine() throws IOException {
    ByteBuffer header = TestFiles.trkHeader(ByteOrder.LITTLE_ENDIAN, 2,
        new short[] {10, 20, 30}, new float[] {1.5f, 2, 3}, "PIL",
        new double[][] {{0, 0, 1.5, -10}, {2, 0, 0, 5}, {0, -3, 0, 7}, {0, 0, 0, 1}}, 2, 0, 3);
    LocalDataSource file = TestFiles.write(dir, "perm.trk", TestFiles.concat(header.array(),
        TestFiles.trkData(ByteOrder.LITTLE_ENDIAN, VOXMM, 2, 0)));
    try (TrkReader reader = TrkReader.open(file)) {
      double[][] expected = {{0, 0, -0.5, 34.25}, {-1.3333333730697632, 0, 0, 24},
          {0, -1.5, 0, 8.5}, {0, 0, 0, 1}};
      for (int r = 0; r < 4; r++) {
        assertArrayEquals(expected[r], reader.toRasAffine()[r], 1e-7);
      }
    }
    List<float[]> all = TestFiles.readAll(TrkReader.open(file));
    assertArrayEquals(new float[] {32.75f, 22.666666f, 5.5f, 31, 18, 0.25f,
        19.25f, 10.666666f, -21.5f}, all.get(0), 1e-5f);
    assertArrayEquals(new float[] {28.75f, 19.666666f, -3.125f, 34, 21.333334f, 7},
        all.get(2), 1e-5f);
  }

  @Test
  void refusesBrokenHeaders() throws IOException {
    byte[] good = TestFiles.concat(TestFiles.trkHeader(ByteOrder.LITTLE_ENDIAN, 2,
        new short[] {4, 4, 4}, new float[] {1, 1, 1}, "RAS", IDENTITY, 0, 0, 3).array(),
        TestFiles.trkData(ByteOrder.LITTLE_ENDIAN, VOXMM, 0, 0));
    assertEquals(3, TestFiles.readAll(TrkReader.open(TestFiles.write(dir, "ok.trk", good)))
        .size());

    byte[] hdrSize = good.clone();
    ByteBuffer.wrap(hdrSize).order(ByteOrder.LITTLE_ENDIAN).putInt(996, 999);
    assertFault("hdr_size", hdrSize);

    byte[] magic = good.clone();
    magic[0] = 'X';
    assertFault("magic", magic);

    byte[] version = good.clone();
    ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(992, 7);
    assertFault("version", version);

    byte[] order = good.clone();
    order[948] = 'Q';
    assertFault("voxel_order", order);

    byte[] degenerate = good.clone();
    // A zero first column: the first voxel axis has no world direction.
    ByteBuffer.wrap(degenerate).order(ByteOrder.LITTLE_ENDIAN).putFloat(440, 0);
    assertFault("vox_to_ras", degenerate);

    assertFault("truncated header", java.util.Arrays.copyOf(good, 600));
  }

  @Test
  void refusesDataThatDisagreeWithTheHeader() throws IOException {
    byte[] data = TestFiles.trkData(ByteOrder.LITTLE_ENDIAN, VOXMM, 0, 0);
    assertFault("only 3", TestFiles.concat(header(5), data));
    assertFault("follow", TestFiles.concat(header(2), data));

    byte[] negative = TestFiles.concat(header(3), data);
    ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putInt(1000, -4);
    assertFault("negative", negative);

    byte[] absurd = TestFiles.concat(header(3), data);
    ByteBuffer.wrap(absurd).order(ByteOrder.LITTLE_ENDIAN).putInt(1000, 1_000_000_000);
    assertFault("a broken count", absurd);

    byte[] full = TestFiles.concat(header(3), data);
    assertFault("truncated", java.util.Arrays.copyOf(full, full.length - 2));
    assertFault("truncated", java.util.Arrays.copyOf(full, full.length - 50));
  }

  private byte[] header(int count) {
    return TestFiles.trkHeader(ByteOrder.LITTLE_ENDIAN, 2, new short[] {4, 4, 4},
        new float[] {1, 1, 1}, "RAS", IDENTITY, 0, 0, count).array();
  }

  private void assertFault(String expected, byte[] bytes) throws IOException {
    LocalDataSource file = TestFiles.write(dir, "broken.trk", bytes);
    FormatException e = assertThrows(FormatException.class,
        () -> TestFiles.readAll(TrkReader.open(file)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith(file.name()), e.getMessage());
  }
}
