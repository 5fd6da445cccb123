package org.sparkconnectome.formats.nifti;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.inspect.ImageInspector;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Seeded random damage to the real images: every attempt must either read through or be
 * refused with a {@link FormatException}, never another exception and never an allocation
 * the file cannot justify.
 */
class NiftiFuzzTest {
  private static final long SEED = 20240611L;
  private static final int MUTATIONS_PER_FILE = 150;
  private static final short[] DATATYPES = {0, 1, 2, 4, 8, 16, 32, 64, 128, 255, 256, 512, 768,
      1024, 1280, 1536, 1792, 2048, 2304, -1, 3, 4096};

  @TempDir
  Path dir;

  @Test
  void damagedFilesReadOrAreRefused() throws IOException {
    Random random = new Random(SEED);
    int refused = 0;
    int read = 0;
    for (String name : NiftiTestFiles.REAL_IMAGES) {
      byte[] original = NiftiTestFiles.plainBytes(NiftiTestFiles.real(name));
      boolean gz = name.endsWith(".gz");
      for (int attempt = 0; attempt < MUTATIONS_PER_FILE; attempt++) {
        byte[] bytes = original.clone();
        String what = mutate(bytes, random);
        byte[] onDisk = gz ? NiftiTestFiles.gzip(bytes) : bytes;
        if (what.startsWith("truncate")) {
          onDisk = Arrays.copyOf(onDisk, random.nextInt(onDisk.length));
        }
        if (gz && random.nextInt(4) == 0) {
          int at = 10 + random.nextInt(onDisk.length - 10);
          onDisk[at] ^= (byte) (1 + random.nextInt(255));
          what += " + gzip byte " + at + " flipped";
        }
        boolean ok = attempt(dir.resolve("m" + attempt + "-" + name), onDisk,
            name + " attempt " + attempt + ": " + what);
        if (ok) {
          read++;
        } else {
          refused++;
        }
      }
    }
    assertTrue(refused > 100 && read > 100, "refused " + refused + ", read " + read);
  }

  @Test
  void pairsAndNifti2WithDamageReadOrAreRefused() throws IOException {
    Random random = new Random(SEED + 1);
    byte[] original = NiftiTestFiles.plainBytes(NiftiTestFiles.real("functional.nii"));
    for (int attempt = 0; attempt < 100; attempt++) {
      byte[] nii = original.clone();
      String what = mutate(nii, random);
      Path hdr = dir.resolve("p" + attempt + ".hdr");
      Files.write(dir.resolve("p" + attempt + ".img"), NiftiTestFiles.pairImage(original));
      attempt(hdr, Arrays.copyOf(nii, 348), "pair " + attempt + ": " + what);
      byte[] n2 = NiftiTestFiles.toNifti2(original);
      int at = random.nextInt(544);
      n2[at] = (byte) random.nextInt(256);
      if (random.nextBoolean()) {
        n2 = Arrays.copyOf(n2, random.nextInt(n2.length));
      }
      attempt(dir.resolve("n" + attempt + ".nii"), n2, "nifti2 " + attempt + " byte " + at);
    }
  }

  /** Inspects the file; true when it read through, false when it was refused properly. */
  private static boolean attempt(Path file, byte[] bytes, String what) throws IOException {
    Files.write(file, bytes);
    try {
      new ImageInspector().inspect(new LocalDataSource(file), List.of());
      NiftiImage image = NiftiImage.open(new LocalDataSource(file));
      if (image.header().voxelsPerVolume() <= 1 << 22) {
        double[] volume = new double[(int) image.header().voxelsPerVolume()];
        image.readVolume(image.header().volumeCount() - 1, volume);
      }
      return true;
    } catch (FormatException e) {
      return false;
    } catch (Throwable e) {
      fail(what + " threw " + e, e);
      return false;
    } finally {
      Files.delete(file);
    }
  }

  private static String mutate(byte[] bytes, Random random) {
    ByteBuffer h = NiftiTestFiles.header(bytes);
    switch (random.nextInt(8)) {
      case 0 -> {
        int flips = 1 + random.nextInt(4);
        StringBuilder what = new StringBuilder("bytes");
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(352);
          bytes[at] = (byte) random.nextInt(256);
          what.append(' ').append(at);
        }
        return what.toString();
      }
      case 1 -> {
        int axis = random.nextInt(8);
        short value = (short) (random.nextBoolean() ? -random.nextInt(5)
            : random.nextInt(Short.MAX_VALUE + 1));
        h.putShort(40 + 2 * axis, value);
        return "dim[" + axis + "] = " + value;
      }
      case 2 -> {
        short type = DATATYPES[random.nextInt(DATATYPES.length)];
        h.putShort(70, type);
        if (random.nextBoolean()) {
          h.putShort(72, (short) (8 << random.nextInt(4)));
        }
        return "datatype " + type + " bitpix " + h.getShort(72);
      }
      case 3 -> {
        float[] offsets = {0, 1, 348, 352, 353.5f, 4096, 1e7f, -16, Float.NaN, 1e30f,
            Float.POSITIVE_INFINITY};
        float offset = offsets[random.nextInt(offsets.length)];
        h.putFloat(108, offset);
        return "vox_offset " + offset;
      }
      case 4 -> {
        h.putFloat(112, random.nextBoolean() ? Float.NaN : (float) random.nextGaussian());
        h.putFloat(116, random.nextBoolean() ? Float.POSITIVE_INFINITY : 3f);
        return "scaling";
      }
      case 5 -> {
        h.putShort(252, (short) random.nextInt(8)).putShort(254, (short) random.nextInt(8));
        for (int i = 0; i < 3; i++) {
          h.putFloat(256 + 4 * i, (float) (random.nextGaussian() * 0.8));
        }
        h.putFloat(76, (float) random.nextGaussian());
        return "xforms";
      }
      case 6 -> {
        return "truncate";
      }
      default -> {
        h.putShort(42, Short.MAX_VALUE).putShort(44, Short.MAX_VALUE)
            .putShort(46, Short.MAX_VALUE);
        return "huge dims";
      }
    }
  }
}
