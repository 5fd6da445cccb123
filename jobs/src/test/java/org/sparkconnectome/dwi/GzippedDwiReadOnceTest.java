package org.sparkconnectome.dwi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.dwi.GradientTable;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.io.RandomAccessInput;
import org.sparkconnectome.testing.TestData;

/**
 * A gzipped DWI is inflated once for the whole tensor fit, however many voxel blocks it is read
 * in (before, every block inflated the file from its start), and gives the maps of the plain
 * file exactly.
 */
class GzippedDwiReadOnceTest {
  @TempDir
  Path dir;

  @Test
  void aGzippedDwiIsInflatedOnceAndFitsAsThePlainFile() throws IOException {
    Path plain = TestData.format("small_64D.nii");
    Path gz = dir.resolve("small_64D.nii.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(plain, out);
    }
    CountingSource counted = new CountingSource(new LocalDataSource(gz));
    NiftiImage gzImage = NiftiImage.open(counted);
    int opensForTheHeader = counted.streams.get();
    GradientTable gradients = TensorFitDipyTest.gradients("small_64D",
        (int) gzImage.header().volumeCount());
    int t = gradients.count();
    int blockValues = 7 * t;
    long voxels = gzImage.header().voxelsPerVolume();
    assertTrue(voxels / 7 > 10, "the fit reads many blocks: " + voxels / 7);

    TensorMaps fromGz = DiffusionTensorFit.fit(gzImage, gradients, null, TensorFitMethod.WLS,
        GradientTable.DEFAULT_B0_THRESHOLD, MemoryBudget.DEFAULT, blockValues);
    assertEquals(1, counted.streams.get() - opensForTheHeader, "inflations of the gzip file");
    assertEquals(0, counted.randomAccess.get());

    TensorMaps fromPlain = DiffusionTensorFit.fit(NiftiImage.open(new LocalDataSource(plain)),
        gradients, null, TensorFitMethod.WLS, GradientTable.DEFAULT_B0_THRESHOLD,
        MemoryBudget.DEFAULT, blockValues);
    assertArrayEquals(fromPlain.fa(), fromGz.fa());
    assertArrayEquals(fromPlain.md(), fromGz.md());
    assertArrayEquals(fromPlain.v1(), fromGz.v1());
    assertArrayEquals(fromPlain.tensor(), fromGz.tensor());
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("connectome-dwi-")),
          "the inflated copy is deleted");
    }
  }

  /** A data source that counts how often it is opened. */
  private static final class CountingSource implements DataSource {
    private final DataSource inner;
    final AtomicInteger streams = new AtomicInteger();
    final AtomicInteger randomAccess = new AtomicInteger();

    CountingSource(DataSource inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String fileName() {
      return inner.fileName();
    }

    @Override
    public long size() throws IOException {
      return inner.size();
    }

    @Override
    public InputStream openStream() throws IOException {
      streams.incrementAndGet();
      return inner.openStream();
    }

    @Override
    public RandomAccessInput openRandomAccess() throws IOException {
      randomAccess.incrementAndGet();
      return inner.openRandomAccess();
    }

    @Override
    public DataSource sibling(String fileName) {
      return inner.sibling(fileName);
    }

    @Override
    public boolean exists() throws IOException {
      return inner.exists();
    }
  }
}
