package org.sparkconnectome.dwi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.sample.SampleCohortGenerator;
import org.sparkconnectome.sample.SampleSpec;

/** Byte-range splits, several atlases, options, outputs and errors of the structural pass. */
class StructuralSplitTest {
  @TempDir
  static Path dir;
  static Atlas atlas;
  static Path tck;

  @BeforeAll
  static void data() throws IOException {
    Path cohort = dir.resolve("cohort");
    new SampleCohortGenerator(SampleSpec.defaults(1, 7).withTimepoints(10)).generate(cohort);
    atlas = Atlas.load(new LocalDataSource(cohort.resolve("atlas")
        .resolve(SampleCohortGenerator.atlasFileStem() + ".nii.gz")));
    tck = dir.resolve("border.tck");
    TckToConnectomeAgreementTest.writeBorderTractogram(tck,
        new VoxelGrid(atlas.shape(), atlas.affine()), 3000, 3);
  }

  @Test
  void byteRangeSplitsMergeToTheWholeResult() throws IOException {
    StructuralRunProcessor processor = new StructuralRunProcessor(List.of(atlas, atlas),
        StructuralSettings.defaults());
    StructuralRunResult whole = processor.process(new LocalDataSource(tck), null);
    long size = Files.size(tck);
    List<PartialConnectome> merged = null;
    long[] cuts = {0, 1000, size / 3 + 5, size / 2, size - 100, size};
    for (int c = cuts.length - 2; c >= 0; c--) {
      List<PartialConnectome> part = processor.processRange(new LocalDataSource(tck), cuts[c],
          cuts[c + 1], null);
      if (merged == null) {
        merged = new ArrayList<>(part);
      } else {
        for (int a = 0; a < part.size(); a++) {
          merged.get(a).merge(part.get(a));
        }
      }
    }
    StructuralRunResult split = processor.finish(merged, false);
    for (int a = 0; a < 2; a++) {
      StructuralConnectome w = whole.connectomes().get(a);
      StructuralConnectome s = split.connectomes().get(a);
      assertEquals(3000, w.streamlines());
      assertEquals(w.streamlines(), s.streamlines());
      assertEquals(w.unassignedStreamlines(), s.unassignedStreamlines());
      assertEquals(w.unassignedEnds(), s.unassignedEnds());
      for (int i = 0; i < w.count().size(); i++) {
        for (int j = 0; j < w.count().size(); j++) {
          assertEquals(w.count().weight(i, j), s.count().weight(i, j));
          assertEquals(w.meanLength().weight(i, j), s.meanLength().weight(i, j), 1e-9);
        }
      }
    }
  }

  @Test
  void optionsScaleAndZeroTheDiagonal() throws IOException {
    StructuralRunResult plain = new StructuralRunProcessor(List.of(atlas),
        StructuralSettings.defaults()).process(new LocalDataSource(tck), null);
    StructuralRunResult scaled = new StructuralRunProcessor(List.of(atlas),
        new StructuralSettings(AssignmentMethod.radialSearch(4), true, true))
        .process(new LocalDataSource(tck), null);
    Connectome count = plain.connectomes().get(0).count();
    StructuralConnectome s = scaled.connectomes().get(0);
    assertNull(plain.connectomes().get(0).countInvNodeVol());
    long[] volumes = new RegionLookup(atlas, AssignmentMethod.endVoxels()).regionVoxels();
    boolean anyDiagonal = false;
    for (int i = 0; i < count.size(); i++) {
      anyDiagonal |= count.weight(i, i) > 0;
      assertEquals(0, s.count().weight(i, i));
      assertEquals(0, s.countInvNodeVol().weight(i, i));
      for (int j = i + 1; j < count.size(); j++) {
        assertEquals(count.weight(i, j), s.count().weight(i, j));
        assertEquals(count.weight(i, j) * 2.0 / (volumes[i] + volumes[j]),
            s.countInvNodeVol().weight(i, j), 1e-12);
      }
    }
    assertTrue(anyDiagonal, "the test tractogram should have self-connections");
  }

  @Test
  void meanFaAveragesTheSampledMapAndOutputsAreWritten() throws IOException {
    VoxelGrid grid = new VoxelGrid(atlas.shape(), atlas.affine());
    float[] constant = new float[grid.voxelCount()];
    java.util.Arrays.fill(constant, 0.4f);
    ScalarVolume fa = new ScalarVolume(grid, constant);
    Path line = dir.resolve("inside.tck");
    StreamlineConnectomeBuilder builder = new StreamlineConnectomeBuilder(
        List.of(new RegionLookup(atlas, AssignmentMethod.endVoxels())), fa);
    double[] a = new double[3];
    double[] b = new double[3];
    int[] shape = atlas.shape();
    grid.toWorld(shape[0] / 2.0 - 3, shape[1] / 2.0, shape[2] / 2.0, a);
    grid.toWorld(shape[0] / 2.0 + 3, shape[1] / 2.0, shape[2] / 2.0, b);
    builder.accept(new float[] {(float) a[0], (float) a[1], (float) a[2], (float) b[0],
        (float) b[1], (float) b[2]}, 2);
    StructuralRunProcessor processor = new StructuralRunProcessor(List.of(atlas),
        StructuralSettings.defaults().withAssignment(AssignmentMethod.endVoxels()));
    StructuralRunResult result = processor.finish(builder.partials(), true);
    StructuralConnectome c = result.connectomes().get(0);
    double sum = 0;
    for (int i = 0; i < c.count().size(); i++) {
      for (int j = i; j < c.count().size(); j++) {
        sum += c.count().weight(i, j);
        if (c.count().weight(i, j) > 0) {
          assertEquals(0.4, c.meanFa().weight(i, j), 1e-6);
          assertEquals(24.0, c.meanLength().weight(i, j), 1e-4);
        }
      }
    }
    assertEquals(1, sum);
    assertTrue(result.warnings().stream().anyMatch(w -> w.contains("has no streamlines")));
    Path out = dir.resolve("out");
    List<String> files = StructuralOutputWriter.write(result,
        new org.apache.hadoop.conf.Configuration(), out.toString(), Map.of("sub", "01"),
        List.of(line.toString()), processor.settings(), "sha256:test", Map.of());
    assertEquals(3, files.size());
    assertEquals("sub-01/dwi/sub-01_atlas-Sample_stat-streamlinecount_relmat.tsv",
        files.get(0));
    assertEquals(c.count().weight(0, 0), RelmatTsv.read(out.resolve(files.get(0)))
        .weight(0, 0));
    assertTrue(Files.exists(out.resolve("sub-01/dwi/sub-01_atlas-Sample_stat-meanfa_relmat.json")));
    JsonNode sidecar = new ObjectMapper().readTree(out.resolve(
        "sub-01/dwi/sub-01_atlas-Sample_stat-streamlinecount_relmat.json").toFile());
    assertEquals("sha256:test", sidecar.get("SettingsHash").asText());
    assertEquals("spark-connectome", sidecar.get("Software").get("Name").asText());
    assertEquals(SoftwareVersion.current(), sidecar.get("Software").get("Version").asText());
  }

  @Test
  void brokenInputsNameTheFile() throws IOException {
    Path broken = dir.resolve("broken.tck");
    Files.writeString(broken, "not a tractogram\n");
    StructuralRunProcessor processor = new StructuralRunProcessor(List.of(atlas),
        StructuralSettings.defaults());
    FormatException e = assertThrows(FormatException.class,
        () -> processor.process(new LocalDataSource(broken), null));
    assertTrue(e.getMessage().contains("broken.tck"), e.getMessage());
    Path text = dir.resolve("streamlines.txt");
    Files.writeString(text, "1 2 3\n");
    assertThrows(FormatException.class,
        () -> processor.process(new LocalDataSource(text), null));
    assertEquals(AssignmentMethod.radialSearch(2.5), AssignmentMethod.parse("radial_search:2.5"));
    assertEquals(AssignmentMethod.endVoxels(), AssignmentMethod.parse("END_VOXELS"));
    assertThrows(IllegalArgumentException.class, () -> AssignmentMethod.parse("nearest"));
  }

  @Test
  void roundsHalvesAwayFromZeroAsCpp() {
    assertEquals(-1, RegionLookup.roundHalfAway(-0.5));
    assertEquals(1, RegionLookup.roundHalfAway(0.5));
    assertEquals(0, RegionLookup.roundHalfAway(-0.49));
  }
}
