package org.sparkconnectome.formats.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer round trips, and streaming versus random-access reads of the same data. */
class NiftiWriterTest {
  @TempDir
  Path dir;

  private static final long[] SHAPE = {5, 4, 3, 6};

  /** A rotation about z by 30 degrees with zooms (2, 3, 4), z reflected, plus an offset. */
  private static double[][] rotatedAffine() {
    double c = Math.cos(Math.PI / 6);
    double s = Math.sin(Math.PI / 6);
    return new double[][] {{2 * c, -3 * s, 0, -10}, {2 * s, 3 * c, 0, 20}, {0, 0, -4, 5},
        {0, 0, 0, 1}};
  }

  private static double[][] volumes(NiftiDataType type, long seed) {
    Random random = new Random(seed);
    double[][] out = new double[(int) SHAPE[3]][60];
    for (double[] volume : out) {
      for (int i = 0; i < volume.length; i++) {
        volume[i] = switch (type) {
          case UINT8 -> random.nextInt(256);
          case INT16 -> random.nextInt(65536) - 32768;
          case INT32 -> random.nextInt();
          case FLOAT32 -> (float) random.nextGaussian();
          default -> random.nextGaussian() * 1e6;
        };
      }
    }
    return out;
  }

  @Test
  void roundTripsEveryWritableTypeInBothCompressions() throws IOException {
    for (NiftiDataType type : new NiftiDataType[] {NiftiDataType.UINT8, NiftiDataType.INT16,
        NiftiDataType.INT32, NiftiDataType.FLOAT32, NiftiDataType.FLOAT64}) {
      for (String ext : new String[] {".nii", ".nii.gz"}) {
        Path file = dir.resolve(type + ext);
        NiftiImageSpec spec = new NiftiImageSpec(SHAPE, new double[] {2, 3, 4}, rotatedAffine(),
            type, new XyztUnits("mm", "msec"), 1500);
        double[][] volumes = volumes(type, type.ordinal());
        try (NiftiWriter writer = NiftiWriter.create(file, spec)) {
          for (double[] volume : volumes) {
            writer.writeVolume(volume);
          }
        }
        NiftiImage image = NiftiTestFiles.open(file);
        NiftiHeader h = image.header();
        assertEquals(ext.endsWith(".gz"), image.compressed());
        assertArrayEquals(SHAPE, h.shape());
        assertEquals(type, h.dataType());
        assertEquals(2, h.sformCode());
        assertEquals(2, h.qformCode());
        assertEquals(new XyztUnits("mm", "msec"), h.units());
        assertEquals(1.5, h.repetitionTime(), 1e-12);
        assertArrayEquals(new double[] {2, 3, 4, 1500}, h.pixdim(), 1e-6);
        for (int r = 0; r < 4; r++) {
          assertArrayEquals(rotatedAffine()[r], h.affine()[r], 1e-5);
        }
        try (NiftiVolumeStream stream = image.streamVolumes()) {
          double[] buffer = new double[stream.voxelsPerVolume()];
          for (double[] volume : volumes) {
            assertTrue(stream.next(buffer));
            assertArrayEquals(expectedStored(type, volume), buffer, 0.0);
          }
          assertFalse(stream.next(buffer));
        }
        assertQformMatchesSform(file);
      }
    }
  }

  /** The qform written beside the sform must describe the same affine. */
  private static void assertQformMatchesSform(Path file) throws IOException {
    byte[] bytes = NiftiTestFiles.plainBytes(file);
    NiftiTestFiles.header(bytes).putShort(254, (short) 0);
    Path qonly = file.resolveSibling("qform-" + file.getFileName().toString().replace(".gz", ""));
    Files.write(qonly, bytes);
    double[][] affine = NiftiTestFiles.open(qonly).header().affine();
    for (int r = 0; r < 4; r++) {
      assertArrayEquals(rotatedAffine()[r], affine[r], 1e-5);
    }
  }

  private static double[] expectedStored(NiftiDataType type, double[] values) {
    double[] out = values.clone();
    if (type == NiftiDataType.FLOAT32) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) out[i];
      }
    }
    return out;
  }

  @Test
  void shearedAffineGetsNoQform() throws IOException {
    double[][] sheared = {{2, 0.5, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
    Path file = dir.resolve("sheared.nii");
    NiftiWriter.writeImage(file, new NiftiImageSpec(new long[] {2, 2, 2}, new double[] {2, 2, 2},
        sheared, NiftiDataType.FLOAT32, new XyztUnits("mm", "unknown"), 0), new double[8]);
    NiftiHeader h = NiftiTestFiles.open(file).header();
    assertEquals(0, h.qformCode());
    assertEquals(2, h.sformCode());
    assertArrayEquals(sheared[0], h.affine()[0], 0.0);
  }

  @Test
  void refusesUnrepresentableValuesAndIncompleteOutput() throws IOException {
    NiftiImageSpec spec = new NiftiImageSpec(SHAPE, new double[] {1, 1, 1}, rotatedAffine(),
        NiftiDataType.UINT8, XyztUnits.UNKNOWN, 2);
    Path file = dir.resolve("bad.nii");
    NiftiWriter writer = NiftiWriter.create(file, spec);
    double[] volume = new double[60];
    volume[7] = 256;
    assertThrows(IllegalArgumentException.class, () -> writer.writeVolume(volume));
    volume[7] = 1.5;
    assertThrows(IllegalArgumentException.class, () -> writer.writeVolume(volume));
    assertThrows(IOException.class, writer::close);
    assertFalse(Files.exists(file));
    assertThrows(IllegalArgumentException.class, () -> new NiftiImageSpec(SHAPE,
        new double[] {1, 1, 1}, rotatedAffine(), NiftiDataType.UINT16, XyztUnits.UNKNOWN, 2));
  }

  @Test
  void randomAccessMatchesStreamingForPlainAndGzip() throws IOException {
    Path source = NiftiTestFiles.real("functional.nii");
    byte[] bytes = NiftiTestFiles.plainBytes(source);
    Path gz = dir.resolve("functional.nii.gz");
    Files.write(gz, NiftiTestFiles.gzip(bytes));
    double[] all = NiftiTestFiles.allValues(NiftiTestFiles.open(source));
    for (Path file : new Path[] {source, gz}) {
      NiftiImage image = NiftiTestFiles.open(file);
      int perVolume = (int) image.header().voxelsPerVolume();
      int volumes = (int) image.header().volumeCount();
      double[] volume = new double[perVolume];
      float[] floats = new float[perVolume];
      try (NiftiVolumeStream stream = image.streamVolumes()) {
        for (int t = 0; t < volumes; t++) {
          assertEquals(t, stream.nextVolume());
          assertTrue(stream.next(floats));
          for (int i = 0; i < perVolume; i++) {
            assertEquals((float) all[t * perVolume + i], floats[i]);
          }
        }
        assertFalse(stream.next(floats));
      }
      for (int t : new int[] {0, 7, volumes - 1}) {
        image.readVolume(t, volume);
        for (int i = 0; i < perVolume; i++) {
          assertEquals(all[t * perVolume + i], volume[i]);
        }
      }
      int from = 100;
      int count = 250;
      double[] block = new double[count * volumes];
      image.readVoxelBlock(from, count, block);
      for (int i = 0; i < count; i++) {
        for (int t = 0; t < volumes; t++) {
          assertEquals(all[t * perVolume + from + i], block[i * volumes + t]);
        }
      }
      assertThrows(IndexOutOfBoundsException.class,
          () -> image.readVoxelBlock(perVolume - 1, 2, block));
      assertThrows(IndexOutOfBoundsException.class, () -> image.readVolume(volumes, volume));
    }
  }
}
