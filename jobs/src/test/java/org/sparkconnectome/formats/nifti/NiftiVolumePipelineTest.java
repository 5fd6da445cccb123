package org.sparkconnectome.formats.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

/**
 * The two-thread volume reader: the values of the serial stream bit for bit (float32 in both
 * byte orders, scaled int16, NaN and Inf among them), the same faults naming the same file
 * (truncated, corrupt deflate data, a bad CRC), and no reader thread left behind, whether the
 * stream ends, fails, is closed early or its caller is interrupted.
 */
class NiftiVolumePipelineTest {
  private static final int X = 13;
  private static final int Y = 11;
  private static final int Z = 7;
  private static final int T = 25;

  @TempDir
  Path dir;

  @AfterEach
  void noReaderThreadIsLeft() {
    assertEquals(List.of(), readerThreads(), "reader threads still alive after the test");
  }

  @Test
  void givesTheSerialStreamsValuesBitForBit() throws IOException {
    byte[] plain = plainFile(NiftiDataType.FLOAT32, 1);
    assertSameAsSerial(write("f32.nii.gz", plain));
    assertSameAsSerial(write("f32-big.nii.gz", NiftiTestFiles.swapByteOrder(plain)));
    byte[] scaled = plainFile(NiftiDataType.INT16, 2);
    NiftiTestFiles.header(scaled).putFloat(112, 0.37f).putFloat(116, -4.5f);
    assertSameAsSerial(write("i16-scaled.nii.gz", scaled));
    assertSameAsSerial(write("f32-plain.nii", plain));
  }

  @Test
  void aTruncatedFileFailsNamingItAndWhereItEnded() throws IOException {
    byte[] gz = NiftiTestFiles.gzip(plainFile(NiftiDataType.FLOAT32, 3));
    Path cut = writeRaw("cut.nii.gz", Arrays.copyOf(gz, gz.length / 2));
    FormatException e = assertThrows(FormatException.class, () -> readAll(cut));
    assertEquals(cut.toString(), e.file());
    assertTrue(e.fault().startsWith("truncated gzip stream: data ends at byte"), e.fault());

    byte[] plain = plainFile(NiftiDataType.FLOAT32, 3);
    Path shortData = writeRaw("short.nii.gz",
        NiftiTestFiles.gzip(Arrays.copyOf(plain, plain.length - 10)));
    e = assertThrows(FormatException.class, () -> readAll(shortData));
    assertEquals(shortData.toString(), e.file());
    assertEquals("truncated data: data ends at byte " + (plain.length - 10) + ", expected "
        + plain.length + " for shape [13, 11, 7, 25] float32 from offset "
        + NiftiTestFiles.dataOffset(plain), e.fault());
  }

  @Test
  void corruptDeflateDataAndABadCrcFailNamingTheFile() throws IOException {
    byte[] gz = NiftiTestFiles.gzip(plainFile(NiftiDataType.FLOAT32, 4));
    byte[] corrupt = gz.clone();
    for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
      corrupt[i] ^= 0x5a;
    }
    Path broken = writeRaw("corrupt.nii.gz", corrupt);
    FormatException e = assertThrows(FormatException.class, () -> readAll(broken));
    assertEquals(broken.toString(), e.file());
    assertTrue(e.fault().startsWith("corrupt gzip data after "), e.fault());

    byte[] crc = gz.clone();
    crc[crc.length - 6] ^= 1;
    Path badCrc = writeRaw("crc.nii.gz", crc);
    // Every volume inflates; the CRC is checked before the end is reported, not after.
    NiftiImage image = NiftiTestFiles.open(badCrc);
    try (NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 2)) {
      e = assertThrows(FormatException.class, () -> {
        while (volumes.next() != null) {
          // drain
        }
      });
      assertEquals(badCrc.toString(), e.file());
      assertTrue(e.fault().startsWith("corrupt gzip data"), e.fault());
      assertThrows(FormatException.class, volumes::next, "a failed stream stays failed");
    }
  }

  @Test
  void closingEarlyStopsTheReader() throws IOException, InterruptedException {
    NiftiImage image = write("early.nii.gz", plainFile(NiftiDataType.FLOAT32, 5));
    NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 2);
    assertNotNull(volumes.next());
    // The reader fills the other buffer, then waits for one back.
    Thread.sleep(50);
    assertTrue(volumes.readerAlive());
    volumes.close();
    assertFalse(volumes.readerAlive());
    volumes.close();
  }

  @Test
  void anInterruptedCallerStopsTheReaderAndKeepsItsInterrupt() throws IOException {
    NiftiImage image = write("interrupt.nii.gz", plainFile(NiftiDataType.FLOAT32, 6));
    try (NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 2)) {
      Thread.currentThread().interrupt();
      InterruptedIOException e = assertThrows(InterruptedIOException.class, volumes::next);
      assertTrue(e.getMessage().contains("interrupt.nii.gz"), e.getMessage());
      assertTrue(Thread.interrupted(), "the caller's interrupt flag is kept");
      assertFalse(volumes.readerAlive());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void endsAfterTheLastVolumeAndStopsTheReader() throws IOException {
    NiftiImage image = write("end.nii.gz", plainFile(NiftiDataType.FLOAT32, 7));
    try (NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 3)) {
      int n = 0;
      while (volumes.next() != null) {
        n++;
      }
      assertEquals(T, n);
      assertNull(volumes.next());
      assertFalse(volumes.readerAlive());
    }
  }

  private static void assertSameAsSerial(NiftiImage image) throws IOException {
    int voxels = X * Y * Z;
    List<float[]> serial = new ArrayList<>();
    try (NiftiVolumeStream stream = image.streamVolumes()) {
      float[] v = new float[voxels];
      while (stream.next(v)) {
        serial.add(v.clone());
      }
    }
    assertEquals(T, serial.size());
    try (NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 2)) {
      for (int t = 0; t < T; t++) {
        float[] v = volumes.next();
        assertNotNull(v, "volume " + t);
        int[] expected = bits(serial.get(t));
        assertArrayEquals(expected, bits(v), image.dataName() + " volume " + t);
        // The caller may write into the array it holds: the reader never shares it.
        Arrays.fill(v, -1f);
      }
      assertNull(volumes.next());
    }
    // And the same as the double path, rounded, where the values are finite.
    double[] all = new double[voxels];
    image.readVolume(T - 1, all);
    float[] last = serial.get(T - 1);
    for (int i = 0; i < voxels; i++) {
      assertEquals(Float.floatToIntBits((float) all[i]), Float.floatToIntBits(last[i]));
    }
  }

  private static int[] bits(float[] v) {
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.floatToRawIntBits(v[i]);
    }
    return out;
  }

  private static void readAll(Path file) throws IOException {
    NiftiImage image = NiftiTestFiles.open(file);
    try (NiftiVolumePipeline volumes = NiftiVolumePipeline.start(image, 2)) {
      while (volumes.next() != null) {
        // drain
      }
    }
  }

  /** An uncompressed NIfTI-1 file of random values, a few of them NaN or Inf. */
  private static byte[] plainFile(NiftiDataType type, long seed) throws IOException {
    Random random = new Random(seed);
    NiftiImageSpec spec = new NiftiImageSpec(new long[] {X, Y, Z, T}, new double[] {2, 2, 2},
        new double[][] {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}}, type,
        new XyztUnits("mm", "sec"), 2);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (NiftiWriter writer = NiftiWriter.create(bytes, false, spec)) {
      double[] volume = new double[X * Y * Z];
      for (int t = 0; t < T; t++) {
        for (int i = 0; i < volume.length; i++) {
          volume[i] = type == NiftiDataType.INT16 ? random.nextInt(20000) - 10000
              : random.nextGaussian() * 1000;
        }
        if (type == NiftiDataType.FLOAT32) {
          volume[t] = Double.NaN;
          volume[t + 1] = Double.NEGATIVE_INFINITY;
        }
        writer.writeVolume(volume);
      }
    }
    return bytes.toByteArray();
  }

  private NiftiImage write(String name, byte[] plain) throws IOException {
    Path file = writeRaw(name, name.endsWith(".gz") ? NiftiTestFiles.gzip(plain) : plain);
    return NiftiImage.open(new LocalDataSource(file));
  }

  private Path writeRaw(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static List<String> readerThreads() {
    List<String> alive = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(NiftiVolumePipeline.THREAD_PREFIX) && thread.isAlive()) {
        alive.add(thread.getName());
      }
    }
    return alive;
  }
}
