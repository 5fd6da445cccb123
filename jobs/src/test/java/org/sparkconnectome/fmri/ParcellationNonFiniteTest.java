package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.kernels.smoothing.JvmVolumeSmoother;

/**
 * Non-finite BOLD values: a 4x4x4 block of NaN in one volume leaves those 64 voxels out of the
 * region means for the whole run (named in the warnings); a volume of Inf fails the run naming
 * the volume, instead of the old "fewer than two regions have signal" diagnosis.
 */
class ParcellationNonFiniteTest {
  private static final int N = 8;
  private static final int VOXELS = N * N * N;
  private static final int T = 30;

  @TempDir
  Path dir;

  @Test
  void aBlockOfNanIsLeftOutOfTheMeansAndNamed() throws IOException {
    double[][] volumes = signal();
    for (int z = 0; z < 4; z++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
          volumes[10][x + N * (y + N * z)] = Double.NaN;
        }
      }
    }
    volumes[17][7 + N * (7 + N * 7)] = Double.POSITIVE_INFINITY;
    List<String> warnings = new ArrayList<>();
    Parcellation.AtlasSignals s = Parcellation.compute(write("nan.nii", volumes),
        List.of(halves()), new int[] {2}, null, 0, warnings).get(0);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("65 of 512 brain voxels hold Inf or NaN (in volumes "
        + "10, 17, 0-based)"), warnings.get(0));
    for (int r = 0; r < 2; r++) {
      double expectedCoverage = r == 0 ? (256 - 64) / 256.0 : 255 / 256.0;
      assertEquals(expectedCoverage, s.coverage()[r], 1e-12);
      for (int t = 0; t < T; t++) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < VOXELS; v++) {
          boolean bad = (v % N < 4 && (v / N) % N < 4 && v / (N * N) < 4)
              || v == VOXELS - 1;
          if (halves()[v] == r && !bad) {
            sum += (float) volumes[t][v];
            n++;
          }
        }
        assertEquals(sum / n, s.series().get(t, r), 1e-9, "region " + r + " volume " + t);
      }
    }
  }

  @Test
  void aVolumeOfInfFailsTheRunNamingTheVolume() throws IOException {
    double[][] volumes = signal();
    java.util.Arrays.fill(volumes[5], Double.POSITIVE_INFINITY);
    NiftiImage image = write("inf.nii", volumes);
    FormatException e = assertThrows(FormatException.class, () -> Parcellation.compute(image,
        List.of(halves()), new int[] {2}, null, 0, new ArrayList<>()));
    assertTrue(e.getMessage().contains("inf.nii"), e.getMessage());
    assertTrue(e.getMessage().contains("more than half of the 512 brain voxels: volumes 5 "
        + "(0-based); 512 voxels are non-finite"), e.getMessage());
  }

  @Test
  void finiteRunsGiveWhatTheyGaveBefore() throws IOException {
    double[][] volumes = signal();
    List<String> warnings = new ArrayList<>();
    Parcellation.AtlasSignals s = Parcellation.compute(write("fine.nii", volumes),
        List.of(halves()), new int[] {2}, null, 0, warnings).get(0);
    assertTrue(warnings.isEmpty(), warnings.toString());
    assertEquals(1.0, s.coverage()[0], 0);
    double sum = 0;
    for (int v = 0; v < VOXELS; v++) {
      sum += halves()[v] == 1 ? (float) volumes[3][v] : 0;
    }
    assertEquals(sum / 256, s.series().get(3, 1), 1e-9);
  }

  @Test
  void aNanBackgroundIsNotBrainAndNotAFault() throws IOException {
    double[][] volumes = signal();
    for (double[] volume : volumes) {
      for (int v = 0; v < VOXELS; v++) {
        volume[v] = v / (N * N) >= 6 ? Double.NaN : volume[v];
      }
    }
    List<String> warnings = new ArrayList<>();
    Parcellation.AtlasSignals s = Parcellation.compute(write("background.nii", volumes),
        List.of(halves()), new int[] {2}, null, 0, warnings).get(0);
    assertTrue(warnings.isEmpty(), warnings.toString());
    assertEquals(0.75, s.coverage()[0], 1e-12);
    assertTrue(Double.isFinite(s.series().get(0, 0)));
  }

  @Test
  void aNanBackgroundGivesWhatAZeroBackgroundGivesBitForBitSmoothedOrNot() throws IOException {
    double[][] nan = signal();
    double[][] zero = signal();
    for (int t = 0; t < T; t++) {
      for (int v = 0; v < VOXELS; v++) {
        if (v / (N * N) >= 5) {
          nan[t][v] = Double.NaN;
          zero[t][v] = 0;
        }
      }
    }
    NiftiImage nanImage = write("nan-background.nii.gz", nan);
    NiftiImage zeroImage = write("zero-background.nii.gz", zero);
    for (double fwhm : new double[] {0, 5}) {
      Parcellation.AtlasSignals a = Parcellation.compute(nanImage, List.of(halves()),
          new int[] {2}, new JvmVolumeSmoother(), fwhm).get(0);
      Parcellation.AtlasSignals b = Parcellation.compute(zeroImage, List.of(halves()),
          new int[] {2}, new JvmVolumeSmoother(), fwhm).get(0);
      assertArrayEquals(b.coverage(), a.coverage(), 0);
      assertArrayEquals(b.series().values(), a.series().values(), 0, "fwhm " + fwhm);
      assertEquals(5 / 8.0, a.coverage()[1], 1e-12);
    }
  }

  private static double[][] signal() {
    Random random = new Random(7);
    double[][] volumes = new double[T][VOXELS];
    for (double[] volume : volumes) {
      for (int v = 0; v < VOXELS; v++) {
        volume[v] = 100 + random.nextGaussian();
      }
    }
    return volumes;
  }

  /** Region 0 for x < 4, region 1 for the rest. */
  private static int[] halves() {
    int[] map = new int[VOXELS];
    for (int v = 0; v < VOXELS; v++) {
      map[v] = v % N < 4 ? 0 : 1;
    }
    return map;
  }

  private NiftiImage write(String name, double[][] volumes) throws IOException {
    Path file = dir.resolve(name);
    double[][] affine = {{2, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 2, 0}, {0, 0, 0, 1}};
    NiftiImageSpec spec = new NiftiImageSpec(new long[] {N, N, N, T}, new double[] {2, 2, 2},
        affine, NiftiDataType.FLOAT32, new XyztUnits("mm", "sec"), 2);
    try (NiftiWriter writer = NiftiWriter.create(file, spec)) {
      for (double[] volume : volumes) {
        writer.writeVolume(volume);
      }
    }
    return NiftiImage.open(new LocalDataSource(file));
  }
}
