package org.sparkconnectome.formats;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.dwi.OwnTrackingProcessor;
import org.sparkconnectome.dwi.ScalarVolume;
import org.sparkconnectome.dwi.TensorFitMethod;
import org.sparkconnectome.dwi.TrackingSettings;
import org.sparkconnectome.fmri.VolumeParcellator;
import org.sparkconnectome.formats.dwi.GradientTable;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.LocalDataSource;

/**
 * Valid-but-huge inputs: NIfTI files whose headers declare sizes a task cannot hold, with data
 * as long as declared (sparse files, so the test writes a few hundred bytes). Each reader that
 * sizes arrays from a header refuses them with a {@link FormatException} naming the file, the
 * dimensions, the bytes needed and the budget, before any allocation (an attempt to allocate
 * would throw {@code OutOfMemoryError} or {@code NegativeArraySizeException} instead).
 */
class HugeDeclaredSizeTest {
  @TempDir
  Path dir;

  @Test
  void theDefaultBudgetAdmitsAnHcpRunAndRefusesALongerOne() throws IOException {
    Path hcp = sparseNifti("hcp_bold.nii", 16, 91, 109, 91, 1200);
    assertDoesNotThrow(() -> VolumeParcellator.requireRunFits(open(hcp).header(), "hcp",
        MemoryBudget.DEFAULT));
    Path longRun = sparseNifti("long_bold.nii", 16, 91, 109, 91, 6000);
    FormatException e = assertThrows(FormatException.class, () -> VolumeParcellator
        .requireRunFits(open(longRun).header(), longRun.toString(), MemoryBudget.DEFAULT));
    assertNamesEverything(e, "long_bold.nii", "91 x 109 x 91 x 6000");
    assertTrue(e.getMessage().contains("would need 20.18 GiB"), e.getMessage());
  }

  @Test
  void anAtlasOrScalarMapBeyondOneArrayIsRefusedBeforeAllocation() throws IOException {
    // 2048 x 2048 x 600 = 2.5e9 voxels: valid NIfTI, beyond a Java array and any budget.
    Path atlas = sparseNifti("atlas-Huge_dseg.nii", 2, 2048, 2048, 600);
    FormatException e = assertThrows(FormatException.class,
        () -> Atlas.load(new LocalDataSource(atlas)));
    assertTrue(e.getMessage().contains("2048 x 2048 x 600"), e.getMessage());
    assertTrue(e.getMessage().contains("more than one Java array holds"), e.getMessage());
    assertThrows(FormatException.class, () -> ScalarVolume.load(new LocalDataSource(atlas)));
  }

  @Test
  void aSmallerBudgetRefusesWhatTheDefaultAdmits() throws IOException {
    Path atlas = sparseNifti("atlas-Mid_dseg.nii", 2, 256, 256, 256);
    MemoryBudget tiny = MemoryBudget.ofGigabytes(0.1, "run.task_memory_budget_gb");
    FormatException e = assertThrows(FormatException.class,
        () -> Atlas.load(new LocalDataSource(atlas), tiny));
    assertNamesEverything(e, "atlas-Mid_dseg.nii", "256 x 256 x 256");
    assertTrue(e.getMessage().contains((256L * 256 * 256 * 12) + " bytes"), e.getMessage());
    assertThrows(FormatException.class, () -> ScalarVolume.load(new LocalDataSource(atlas),
        tiny));
  }

  @Test
  void aDwiWhoseTensorMapsExceedTheBudgetIsRefusedBeforeTheGradientsAreRead()
      throws IOException {
    // 640^3 voxels x 2 volumes: the maps need 16 GB, twice the default budget.
    Path dwi = sparseNifti("sub-01_dwi.nii", 2, 640, 640, 640, 2);
    LocalDataSource missing = new LocalDataSource(dir.resolve("absent.bval"));
    OwnTrackingProcessor processor = new OwnTrackingProcessor(TensorFitMethod.WLS,
        GradientTable.DEFAULT_B0_THRESHOLD, TrackingSettings.defaults());
    FormatException e = assertThrows(FormatException.class,
        () -> processor.fit(new LocalDataSource(dwi), missing, missing, null));
    assertNamesEverything(e, "sub-01_dwi.nii", "640 x 640 x 640");
  }

  @Test
  void productsThatOverflowALongAreRefused() throws FormatException {
    FormatException e = assertThrows(FormatException.class, () -> MemoryBudget.DEFAULT
        .arrayLength("f.nii", "the labels", new long[] {1L << 40, 1L << 30}, 4));
    assertTrue(e.getMessage().contains("more than 2^63"), e.getMessage());
    assertEquals(24, MemoryBudget.DEFAULT.arrayLength("f.nii", "x", new long[] {2, 3, 4}, 8));
  }

  private static void assertNamesEverything(FormatException e, String file, String dims) {
    String m = e.getMessage();
    assertTrue(m.contains(file), m);
    assertTrue(m.contains(dims), m);
    assertTrue(m.contains("bytes"), m);
    assertTrue(m.contains("run.task_memory_budget_gb"), m);
  }

  private static NiftiImage open(Path file) throws IOException {
    return NiftiImage.open(new LocalDataSource(file));
  }

  /** A NIfTI-1 file of the given datatype (2 uint8, 16 float32) and shape; data all zero. */
  private Path sparseNifti(String name, int datatype, int... dims) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(352).order(ByteOrder.LITTLE_ENDIAN);
    h.putInt(0, 348);
    h.putShort(40, (short) dims.length);
    long voxels = 1;
    for (int i = 0; i < dims.length; i++) {
      h.putShort(42 + 2 * i, (short) dims[i]);
      voxels *= dims[i];
    }
    for (int i = dims.length; i < 7; i++) {
      h.putShort(42 + 2 * i, (short) 1);
    }
    int bytes = datatype == 2 ? 1 : 4;
    h.putShort(70, (short) datatype);
    h.putShort(72, (short) (8 * bytes));
    for (int i = 0; i < 8; i++) {
      h.putFloat(76 + 4 * i, 1f);
    }
    h.putFloat(108, 352f);
    h.putFloat(112, 1f);
    h.put(123, (byte) 10);
    h.put(344, "n+1\0".getBytes(StandardCharsets.US_ASCII));
    Path file = dir.resolve(name);
    Files.write(file, h.array());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(352 + voxels * bytes);
    }
    if (name.contains("_dseg")) {
      Files.writeString(dir.resolve(name.replace(".nii", ".tsv")), "index\tname\n1\tA\n");
    }
    return file;
  }
}
