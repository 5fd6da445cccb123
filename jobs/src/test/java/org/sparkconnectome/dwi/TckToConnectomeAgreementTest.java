package org.sparkconnectome.dwi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.formats.streamlines.TckWriter;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.sample.SampleCohortGenerator;
import org.sparkconnectome.sample.SampleSpec;
import org.sparkconnectome.testing.RequiredTool;

/**
 * Our assignment against MRtrix3's tck2connectome, run on the same files: counts identical and
 * mean lengths within 1e-3 relative, for both assignment methods, on the sample cohort's
 * tractogram and on generated tractograms whose ends lie near region borders, voxel borders and
 * outside the grid, in an axis-aligned and an oblique anisotropic atlas. Needs MRtrix3 (Debian
 * package mrtrix3; missing, the tests fail unless -Dconnectome.peers=skip:mrtrix3).
 */
class TckToConnectomeAgreementTest {
  @RegisterExtension
  static final RequiredTool MRTRIX3 = RequiredTool.executables("mrtrix3",
      "install the Debian package mrtrix3", MrtrixConnectome.TCK2CONNECTOME);

  @TempDir
  static Path dir;
  static Path cohort;

  @BeforeAll
  static void generateCohort() throws IOException {
    cohort = dir.resolve("cohort");
    new SampleCohortGenerator(SampleSpec.defaults(1, 42).withTimepoints(10)).generate(cohort);
  }

  static Path sampleAtlas() {
    return cohort.resolve("atlas").resolve(SampleCohortGenerator.atlasFileStem() + ".nii.gz");
  }

  static Path sampleTractogram() {
    return cohort.resolve("sub-01/dwi/sub-01_space-MNI152NLin2009cAsym_tractography.tck");
  }

  @Test
  void sampleCohortTractogramBothMethods() throws Exception {
    compare(sampleTractogram(), sampleAtlas(), AssignmentMethod.endVoxels());
    compare(sampleTractogram(), sampleAtlas(), AssignmentMethod.radialSearch(4));
  }

  @Test
  void borderEndsAxisAligned() throws Exception {
    Atlas atlas = Atlas.load(new LocalDataSource(sampleAtlas()));
    Path tck = dir.resolve("border-aligned.tck");
    writeBorderTractogram(tck, new VoxelGrid(atlas.shape(), atlas.affine()), 4000, 7);
    compare(tck, sampleAtlas(), AssignmentMethod.endVoxels());
    compare(tck, sampleAtlas(), AssignmentMethod.radialSearch(4));
    compare(tck, sampleAtlas(), AssignmentMethod.radialSearch(6));
  }

  @Test
  void borderEndsObliqueAnisotropicAtlas() throws Exception {
    Atlas sample = Atlas.load(new LocalDataSource(sampleAtlas()));
    double angle = Math.toRadians(12);
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double[] zooms = {3, 3.5, 4.5};
    double[][] affine = {
        {-c * zooms[0], -s * zooms[1], 0, 25},
        {-s * zooms[0], c * zooms[1], 0, -38},
        {0, 0, zooms[2], -30},
        {0, 0, 0, 1}};
    Path folder = Files.createDirectories(dir.resolve("oblique"));
    Path image = folder.resolve("atlas-Oblique_dseg.nii.gz");
    int[] shape = sample.shape();
    double[] labels = new double[sample.labels().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = sample.labels()[i];
    }
    NiftiWriter.writeImage(image, new NiftiImageSpec(new long[] {shape[0], shape[1], shape[2]},
        zooms, affine, NiftiDataType.INT16, new XyztUnits("mm", "sec"), 0), labels);
    Files.copy(sampleAtlas().resolveSibling(SampleCohortGenerator.atlasFileStem() + ".tsv"),
        folder.resolve("atlas-Oblique_dseg.tsv"));
    Path tck = dir.resolve("border-oblique.tck");
    writeBorderTractogram(tck, new VoxelGrid(shape, affine), 4000, 11);
    compare(tck, image, AssignmentMethod.endVoxels());
    compare(tck, image, AssignmentMethod.radialSearch(4));
  }

  /** Streamlines of 2 to 8 points whose ends sit within 0.02 voxel of voxel borders. */
  static void writeBorderTractogram(Path tck, VoxelGrid grid, int count, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int[] shape = grid.shape();
    double[] a = new double[3];
    double[] b = new double[3];
    try (TckWriter writer = TckWriter.create(tck, Map.of())) {
      for (int n = 0; n < count; n++) {
        endPoint(random, shape, grid, a);
        endPoint(random, shape, grid, b);
        int points = 2 + random.nextInt(7);
        float[] xyz = new float[3 * points];
        for (int p = 0; p < points; p++) {
          double f = p / (double) (points - 1);
          double bend = p == 0 || p == points - 1 ? 0 : 3 * Math.sin(Math.PI * f);
          for (int k = 0; k < 3; k++) {
            xyz[3 * p + k] = (float) (a[k] + f * (b[k] - a[k]) + (k == 2 ? bend : 0));
          }
        }
        writer.write(xyz, points);
      }
    }
  }

  private static void endPoint(SplittableRandom random, int[] shape, VoxelGrid grid,
      double[] out) {
    double[] ijk = new double[3];
    for (int k = 0; k < 3; k++) {
      int cell = random.nextInt(-2, shape[k] + 2);
      double frac = random.nextInt(4) == 0 ? random.nextDouble()
          : 0.5 + (random.nextDouble() - 0.5) * 0.04;
      ijk[k] = cell + (random.nextBoolean() ? frac : -frac);
    }
    grid.toWorld(ijk[0], ijk[1], ijk[2], out);
  }

  static void compare(Path tck, Path atlasImage, AssignmentMethod method) throws Exception {
    String option = method.kind() == AssignmentMethod.Kind.END_VOXELS
        ? "-assignment_end_voxels" : "-assignment_radial_search";
    String[] assignment = method.kind() == AssignmentMethod.Kind.END_VOXELS
        ? new String[] {option} : new String[] {option, Double.toString(method.radiusMm())};
    Path work = Files.createTempDirectory(dir, "mrtrix");
    double[][] counts = MrtrixConnectome.run(tck, atlasImage, work, "count", assignment);
    String[] lengthOptions = new String[assignment.length + 3];
    System.arraycopy(assignment, 0, lengthOptions, 0, assignment.length);
    lengthOptions[assignment.length] = "-scale_length";
    lengthOptions[assignment.length + 1] = "-stat_edge";
    lengthOptions[assignment.length + 2] = "mean";
    double[][] lengths = MrtrixConnectome.run(tck, atlasImage, work, "length", lengthOptions);

    Atlas atlas = Atlas.load(new LocalDataSource(atlasImage));
    StructuralRunProcessor processor = new StructuralRunProcessor(List.of(atlas),
        StructuralSettings.defaults().withAssignment(method));
    StructuralConnectome ours = processor.process(new LocalDataSource(tck), null)
        .connectomes().get(0);
    List<Atlas.Region> regions = atlas.regions();
    Connectome count = ours.count();
    Connectome length = ours.meanLength();
    long assigned = 0;
    for (int i = 0; i < regions.size(); i++) {
      for (int j = 0; j < regions.size(); j++) {
        int li = regions.get(i).index();
        int lj = regions.get(j).index();
        String where = method + " " + tck.getFileName() + " edge " + li + "-" + lj;
        assertEquals(counts[li][lj], count.weight(i, j), 0, "count " + where);
        double expected = lengths[li][lj];
        assertEquals(expected, length.weight(i, j), 1e-3 * Math.abs(expected),
            "mean length " + where);
        if (j >= i) {
          assigned += (long) count.weight(i, j);
        }
      }
    }
    double unassigned = 0;
    for (int j = 0; j < counts.length; j++) {
      unassigned += counts[0][j];
    }
    assertEquals(unassigned, ours.unassignedStreamlines(), 0, "unassigned " + method);
    assertEquals(ours.streamlines(), assigned + ours.unassignedStreamlines());
    assertTrue(assigned > 0, "nothing assigned: the test data are wrong");
  }
}
