package org.sparkconnectome.formats.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same real data rewritten byte by byte as pairs, gzipped pairs, the other byte order,
 * NIfTI-2 and Analyze 7.5 must read identically to the original.
 */
class NiftiVariantsTest {
  @TempDir
  Path dir;

  private static final List<String> SOURCES =
      List.of("anatomical.nii", "functional.nii", "example4d.nii.gz", "small_25.nii.gz");

  @Test
  void pairsReadLikeTheSingleFile() throws IOException {
    for (String name : SOURCES) {
      byte[] nii = NiftiTestFiles.plainBytes(NiftiTestFiles.real(name));
      NiftiImage original = NiftiTestFiles.open(NiftiTestFiles.real(name));
      String stem = name.replace(".nii.gz", "").replace(".nii", "");
      Files.write(dir.resolve(stem + ".hdr"), NiftiTestFiles.pairHeader(nii));
      Files.write(dir.resolve(stem + ".img"), NiftiTestFiles.pairImage(nii));
      Files.write(dir.resolve(stem + "z.hdr.gz"), NiftiTestFiles.gzip(
          NiftiTestFiles.pairHeader(nii)));
      Files.write(dir.resolve(stem + "z.img.gz"), NiftiTestFiles.gzip(
          NiftiTestFiles.pairImage(nii)));
      Files.write(dir.resolve(stem + "m.hdr"), NiftiTestFiles.pairHeader(nii));
      Files.write(dir.resolve(stem + "m.img.gz"), NiftiTestFiles.gzip(
          NiftiTestFiles.pairImage(nii)));
      for (String file : List.of(stem + ".hdr", stem + ".img", stem + "z.hdr.gz",
          stem + "z.img.gz", stem + "m.hdr", stem + "m.img.gz")) {
        NiftiImage pair = NiftiTestFiles.open(dir.resolve(file));
        assertSameImage(original, pair, file);
        assertEquals(NiftiFormat.NIFTI1, pair.header().format());
      }
    }
  }

  @Test
  void otherByteOrderReadsTheSameValues() throws IOException {
    for (String name : SOURCES) {
      byte[] nii = NiftiTestFiles.plainBytes(NiftiTestFiles.real(name));
      Path swapped = dir.resolve("swapped-" + name);
      byte[] bytes = NiftiTestFiles.swapByteOrder(nii);
      Files.write(swapped, name.endsWith(".gz") ? NiftiTestFiles.gzip(bytes) : bytes);
      NiftiImage original = NiftiTestFiles.open(NiftiTestFiles.real(name));
      NiftiImage other = NiftiTestFiles.open(swapped);
      assertSameImage(original, other, swapped.toString());
      ByteOrder want = NiftiTestFiles.order(nii) == ByteOrder.BIG_ENDIAN
          ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
      assertEquals(want, other.header().byteOrder());
    }
    NiftiHeader bigEndian = NiftiTestFiles.open(dir.resolve("swapped-functional.nii")).header();
    assertEquals(">i2", bigEndian.dataType().numpyName(bigEndian.byteOrder()));
  }

  @Test
  void nifti2ReadsTheSameValues() throws IOException {
    for (String name : SOURCES) {
      byte[] nii = NiftiTestFiles.plainBytes(NiftiTestFiles.real(name));
      Path n2 = dir.resolve("n2-" + name);
      byte[] bytes = NiftiTestFiles.toNifti2(nii);
      Files.write(n2, name.endsWith(".gz") ? NiftiTestFiles.gzip(bytes) : bytes);
      NiftiImage image = NiftiTestFiles.open(n2);
      assertEquals(NiftiFormat.NIFTI2, image.header().format());
      assertSameImage(NiftiTestFiles.open(NiftiTestFiles.real(name)), image, n2.toString());
    }
  }

  @Test
  void analyzeUsesTheCentredFlippedAffine() throws IOException {
    byte[] nii = NiftiTestFiles.plainBytes(NiftiTestFiles.real("anatomical.nii"));
    Files.write(dir.resolve("a.hdr"), NiftiTestFiles.analyzeHeader(nii));
    Files.write(dir.resolve("a.img"), NiftiTestFiles.pairImage(nii));
    NiftiImage original = NiftiTestFiles.open(NiftiTestFiles.real("anatomical.nii"));
    NiftiImage analyze = NiftiTestFiles.open(dir.resolve("a.img"));
    NiftiHeader h = analyze.header();
    assertEquals(NiftiFormat.ANALYZE, h.format());
    assertArrayEquals(NiftiTestFiles.allValues(original), NiftiTestFiles.allValues(analyze));
    long[] shape = h.shape();
    double[] zooms = h.pixdim();
    double[][] want = {
        {-zooms[0], 0, 0, zooms[0] * (shape[0] - 1) / 2.0},
        {0, zooms[1], 0, -zooms[1] * (shape[1] - 1) / 2.0},
        {0, 0, zooms[2], -zooms[2] * (shape[2] - 1) / 2.0},
        {0, 0, 0, 1}};
    for (int r = 0; r < 4; r++) {
      assertArrayEquals(want[r], h.affine()[r], 1e-12);
    }
    assertEquals(0, h.qformCode());
    assertEquals(null, h.sclSlope());
  }

  private static void assertSameImage(NiftiImage want, NiftiImage got, String what)
      throws IOException {
    NiftiHeader a = want.header();
    NiftiHeader b = got.header();
    assertArrayEquals(a.shape(), b.shape(), what);
    assertEquals(a.dataType(), b.dataType(), what);
    assertArrayEquals(a.pixdim(), b.pixdim(), what);
    for (int r = 0; r < 4; r++) {
      assertArrayEquals(a.affine()[r], b.affine()[r], 1e-9, what);
    }
    assertEquals(a.qformCode(), b.qformCode(), what);
    assertEquals(a.sformCode(), b.sformCode(), what);
    assertEquals(a.sclSlope(), b.sclSlope(), what);
    assertEquals(a.sclInter(), b.sclInter(), what);
    assertEquals(a.units(), b.units(), what);
    assertEquals(a.repetitionTime(), b.repetitionTime(), what);
    assertArrayEquals(NiftiTestFiles.allValues(want), NiftiTestFiles.allValues(got), what);
  }
}
