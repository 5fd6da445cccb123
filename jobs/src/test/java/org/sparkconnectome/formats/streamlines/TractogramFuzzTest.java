package org.sparkconnectome.formats.streamlines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Seeded random damage to the real tractograms: each damaged file must either read to the end
 * or be refused with a {@link FormatException}; any other exception or error is a reader bug.
 */
class TractogramFuzzTest {
  private static final int ATTEMPTS_PER_FILE = 400;

  @TempDir
  Path dir;

  @Test
  void damagedFilesReadFullyOrFailWithFormatException() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(TestFiles.formats(),
        "*.{tck,trk}")) {
      stream.forEach(files::add);
    }
    files.sort(null);
    assertFalse(files.isEmpty(), "no .tck/.trk files in the shared test data");
    Random random = new Random(20240611L);
    int refused = 0;
    for (Path original : files) {
      byte[] bytes = Files.readAllBytes(original);
      String name = original.getFileName().toString();
      TractogramFormat format = TractogramFormat.forFileName(name).orElseThrow();
      for (int attempt = 0; attempt < ATTEMPTS_PER_FILE; attempt++) {
        byte[] damaged = damage(bytes, random);
        LocalDataSource source = TestFiles.write(dir, "fuzz-" + name, damaged);
        try {
          TestFiles.readAll(format.open(source));
        } catch (FormatException e) {
          refused++;
        } catch (Throwable t) {
          fail(name + " attempt " + attempt + ": " + t + " (bytes " + damaged.length + ")", t);
        }
        if (TractogramFormat.TCK == format && damaged.length > 0) {
          readSplits(source, damaged.length, 1 + random.nextInt(64), name, attempt);
        }
      }
    }
    assertFalse(refused == 0, "no damaged file was refused: the damage did nothing");
  }

  private static void readSplits(LocalDataSource source, long size, int split, String name,
      int attempt) {
    for (long start = 0; start < size; start += split) {
      try {
        TestFiles.readAll(TckReader.openRange(source, start, Math.min(size, start + split)));
      } catch (FormatException e) {
        return;
      } catch (Throwable t) {
        fail(name + " attempt " + attempt + " split at " + start + ": " + t, t);
      }
    }
  }

  private static byte[] damage(byte[] bytes, Random random) {
    byte[] out = bytes.clone();
    switch (random.nextInt(5)) {
      case 0:
        return Arrays.copyOf(out, random.nextInt(out.length + 1));
      case 1:
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
          out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
      case 2:
        // A random or extreme int at a random aligned spot: point counts, sizes, offsets.
        int at = random.nextInt(Math.max(1, out.length - 3)) & ~3;
        int[] extremes = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1 << 30, random.nextInt()};
        ByteBuffer.wrap(out).order(random.nextBoolean() ? ByteOrder.LITTLE_ENDIAN
            : ByteOrder.BIG_ENDIAN).putInt(Math.min(at, out.length - 4),
            extremes[random.nextInt(extremes.length)]);
        return out;
      case 3:
        byte[] longer = Arrays.copyOf(out, out.length + 1 + random.nextInt(40));
        for (int i = out.length; i < longer.length; i++) {
          longer[i] = (byte) random.nextInt(256);
        }
        return longer;
      default:
        // Damage inside the header, where most of the parsing decisions are made.
        int limit = Math.min(out.length, out.length > 1000 ? 1000 : 80);
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          out[random.nextInt(limit)] = (byte) (32 + random.nextInt(95));
        }
        return out;
    }
  }
}
