package org.sparkconnectome.formats.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;

/** Each kind of broken file is refused with a message naming its fault. */
class NiftiValidationTest {
  @TempDir
  Path dir;

  private byte[] functional() throws IOException {
    return NiftiTestFiles.plainBytes(NiftiTestFiles.real("functional.nii"));
  }

  private String refusal(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    FormatException e = assertThrows(FormatException.class, () -> {
      NiftiImage image = NiftiTestFiles.open(file);
      image.scan((first, values, count) -> { });
    });
    assertEquals(file.toString(), e.file());
    return e.fault();
  }

  private String refusal(Consumer<ByteBuffer> change) throws IOException {
    byte[] bytes = functional();
    change.accept(NiftiTestFiles.header(bytes));
    return refusal("broken.nii", bytes);
  }

  private static void assertContains(String text, String part) {
    assertTrue(text.contains(part), "'" + text + "' should contain '" + part + "'");
  }

  @Test
  void refusesBrokenHeaders() throws IOException {
    assertContains(refusal(h -> h.put(345, (byte) 'x')), "bad magic 'nx1'");
    assertContains(refusal(h -> h.putInt(0, 349)), "bad sizeof_hdr 349");
    assertContains(refusal(h -> h.putShort(40, (short) 8)), "dim[0] = 8 is outside 1..7");
    assertContains(refusal(h -> h.putShort(40, (short) 0)), "dim[0] = 0 is outside 1..7");
    assertContains(refusal(h -> h.putShort(44, (short) -3)), "dim[2] = -3");
    assertContains(refusal(h -> h.putShort(46, (short) 0)), "dim[3] = 0");
    assertContains(refusal(h -> h.putShort(70, (short) 128)),
        "unsupported datatype RGB (code 128)");
    assertContains(refusal(h -> h.putShort(70, (short) 32)),
        "unsupported datatype complex64 (code 32)");
    assertContains(refusal(h -> h.putShort(70, (short) 77)), "unknown datatype code 77");
    assertContains(refusal(h -> h.putShort(72, (short) 8)),
        "bitpix 8 does not match datatype int16");
    assertContains(refusal(h -> h.putFloat(108, 1e9f)), "vox_offset 1000000000");
    assertContains(refusal(h -> h.putFloat(108, 200)), "points inside the header");
    assertContains(refusal(h -> h.putFloat(108, Float.NaN)), "not a valid byte offset");
    assertContains(refusal(h -> h.putShort(48, (short) 30000)),
        "truncated data: data ends at byte 43192, expected");
    assertContains(refusal("short.nii", Arrays.copyOf(functional(), 200)),
        "truncated header: 200 of 348 bytes");
    assertContains(refusal("tiny.nii", new byte[] {1, 2}), "truncated header");
  }

  @Test
  void refusesTruncatedAndCorruptGzip() throws IOException {
    byte[] gz = java.nio.file.Files.readAllBytes(NiftiTestFiles.real("example4d.nii.gz"));
    assertContains(refusal("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2)),
        "truncated gzip stream: data ends at byte");
    assertContains(refusal("cut.nii.gz", Arrays.copyOf(gz, 5)), "truncated gzip header");
    assertContains(refusal("plain.nii.gz", functional()), "not a valid gzip file");
    byte[] corrupt = gz.clone();
    for (int i = 2000; i < 2100; i++) {
      corrupt[i] ^= 0x5a;
    }
    assertContains(refusal("corrupt.nii.gz", corrupt), "corrupt gzip data");
    byte[] crc = gz.clone();
    crc[crc.length - 6] ^= 1;
    assertContains(refusal("crc.nii.gz", crc), "corrupt gzip data");
    byte[] plain = NiftiTestFiles.plainBytes(NiftiTestFiles.real("example4d.nii.gz"));
    byte[] shortData = NiftiTestFiles.gzip(Arrays.copyOf(plain, plain.length - 10));
    assertEquals("truncated data: data ends at byte " + (plain.length - 10) + ", expected "
        + plain.length + " for shape [128, 96, 24, 2] int16 from offset "
        + NiftiTestFiles.dataOffset(plain),
        refusal("short.nii.gz", shortData));
    byte[] huge = plain.clone();
    NiftiTestFiles.header(huge).putShort(42, (short) 30000).putShort(44, (short) 30000);
    assertContains(refusal("huge.nii.gz", NiftiTestFiles.gzip(huge)),
        "more than a ");
  }

  @Test
  void refusesMissingPartnerAndSingleMagicInPair() throws IOException {
    byte[] nii = functional();
    assertContains(refusal("alone.hdr", NiftiTestFiles.pairHeader(nii)), "does not exist");
    Files.write(dir.resolve("single.img"), NiftiTestFiles.pairImage(nii));
    assertContains(refusal("single.hdr", Arrays.copyOf(nii, 348)), "marks a single-file");
    byte[] pairMagic = nii.clone();
    pairMagic[345] = 'i';
    assertContains(refusal("pair.nii", pairMagic), "marks a .hdr/.img pair header");
  }

  @Test
  void repairsLikeNibabelAndFlagsMillisecondTr() throws IOException {
    byte[] bytes = functional();
    ByteBuffer h = NiftiTestFiles.header(bytes);
    h.putFloat(80, -4f).putFloat(88, 0f).putFloat(76, 0f).putShort(254, (short) 0);
    h.putShort(252, (short) 9).put(123, (byte) (2 | 16)).putFloat(92, 2500f);
    Path file = dir.resolve("repaired.nii");
    Files.write(file, bytes);
    NiftiHeader header = NiftiTestFiles.open(file).header();
    assertEquals(4.0, header.pixdim()[0]);
    assertEquals(4.0, header.pixdim()[1]);
    assertEquals(1.0, header.pixdim()[2]);
    assertEquals(0, header.qformCode());
    assertEquals(2.5, header.repetitionTime(), 1e-12);
    assertTrue(!header.repetitionTimeSuspicious());
    assertEquals(2, header.warnings().size(), header.warnings().toString());
    // No usable code: the centred fallback with x flipped.
    assertEquals(-4.0, header.affine()[0][0]);
    assertEquals(4.0 * 16 / 2, header.affine()[0][3]);

    NiftiHeader example = NiftiTestFiles.open(NiftiTestFiles.real("example4d.nii.gz")).header();
    assertEquals(2000.0, example.repetitionTime());
    assertTrue(example.repetitionTimeSuspicious());
    NiftiHeader anatomical = NiftiTestFiles.open(NiftiTestFiles.real("anatomical.nii")).header();
    assertNull(anatomical.repetitionTime());
  }
}
