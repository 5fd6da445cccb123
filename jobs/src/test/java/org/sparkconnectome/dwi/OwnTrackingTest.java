package org.sparkconnectome.dwi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.formats.dwi.GradientTable;
import org.sparkconnectome.formats.streamlines.TckReader;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.sample.SampleCohortGenerator;
import org.sparkconnectome.sample.SampleSpec;

/** Own tensor fit + tracking on the generated DWI recovers the planted structure. */
class OwnTrackingTest {
  @TempDir
  static Path dir;
  static Path cohort;
  static OwnTrackingProcessor.Result result;
  static JsonNode truth;

  @BeforeAll
  static void trackSubject() throws IOException {
    cohort = dir.resolve("cohort");
    new SampleCohortGenerator(SampleSpec.defaults(1, 42).withTimepoints(10), true)
        .generate(cohort);
    truth = new ObjectMapper().readTree(cohort.resolve("ground_truth.json").toFile());
    Path dwi = cohort.resolve(truth.get("runs").get(0).get("dwi").asText());
    Path folder = Files.createDirectories(dir.resolve("out"));
    result = new OwnTrackingProcessor(TensorFitMethod.WLS, GradientTable.DEFAULT_B0_THRESHOLD,
        TrackingSettings.defaults().withSeedsPerVoxel(2)).process(new LocalDataSource(dwi),
        new LocalDataSource(sibling(dwi, ".bval")), new LocalDataSource(sibling(dwi, ".bvec")),
        null, folder, "sub-01");
  }

  static Path sibling(Path image, String extension) {
    return image.resolveSibling(image.getFileName().toString().replace(".nii.gz", extension));
  }

  @Test
  void recoversPlantedStructure() throws IOException {
    Path atlasImage = cohort.resolve(truth.get("atlas").asText());
    Atlas atlas = Atlas.load(new LocalDataSource(atlasImage));
    for (AssignmentMethod method : List.of(AssignmentMethod.endVoxels(),
        AssignmentMethod.radialSearch(4))) {
      StructuralConnectome c = new StructuralRunProcessor(List.of(atlas),
          StructuralSettings.defaults().withAssignment(method))
          .process(new LocalDataSource(result.tractogram()), null).connectomes().get(0);
      Connectome count = c.count();
      JsonNode planted = truth.get("structural_streamline_count");
      int n = count.size();
      double onPlanted = 0;
      double offPlanted = 0;
      int plantedPairs = 0;
      int recoveredPairs = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (planted.get(i).get(j).asInt() > 0) {
            onPlanted += count.weight(i, j);
            plantedPairs++;
            recoveredPairs += count.weight(i, j) > 0 ? 1 : 0;
          } else {
            offPlanted += count.weight(i, j);
          }
        }
      }
      String what = method + ": " + onPlanted + " streamlines on planted pairs, " + offPlanted
          + " elsewhere, " + recoveredPairs + " of " + plantedPairs + " planted pairs found";
      assertTrue(onPlanted >= 100, what);
      assertTrue(offPlanted <= 0.05 * onPlanted, what);
      assertTrue(recoveredPairs >= 0.8 * plantedPairs, what);
      assertTrue(c.unassignedStreamlines() <= 0.1 * c.streamlines(), what);
    }
  }

  @Test
  void seedBlocksGiveTheSameTractogramInAnyPartition() throws IOException {
    TensorTracker tracker = new TensorTracker(result.maps(), null,
        TrackingSettings.defaults().withSeedsPerVoxel(2));
    List<float[]> whole = new ArrayList<>();
    tracker.trackAll((xyz, points) -> whole.add(Arrays.copyOf(xyz, 3 * points)));
    List<float[]> blocks = new ArrayList<>();
    List<SeedBlock> parts = SeedBlock.partition(tracker.seedVoxelCount(), 7);
    assertTrue(parts.size() > 3);
    for (int b = parts.size() - 1; b >= 0; b--) {
      List<float[]> one = new ArrayList<>();
      tracker.track(parts.get(b), (xyz, points) -> one.add(Arrays.copyOf(xyz,
          3 * points)));
      blocks.addAll(0, one);
    }
    assertEquals(whole.size(), blocks.size());
    for (int s = 0; s < whole.size(); s++) {
      assertArrayEquals(whole.get(s), blocks.get(s), "streamline " + s);
    }
    assertEquals(result.streamlines(), whole.size(), "the written tractogram");
    try (TckReader reader = TckReader.open(new LocalDataSource(result.tractogram()))) {
      for (float[] expected : whole) {
        assertTrue(reader.next());
        assertArrayEquals(expected, reader.copyPoints());
      }
    }
  }
}
