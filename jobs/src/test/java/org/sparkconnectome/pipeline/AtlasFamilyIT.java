package org.sparkconnectome.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.atlas.Atlas;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.graph.Connectome;
import org.sparkconnectome.graph.io.RelmatTsv;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.testing.SharedSpark;
import org.sparkconnectome.testing.TestData;

/**
 * {@code run} with atlases as users have them from TemplateFlow: two of one family (same
 * {@code atlas-}, different {@code desc-}), in two resolutions of the run's template, each with
 * the table TemplateFlow ships (no {@code res-}). The case that used to end in a stack trace
 * after the per-run work ("upper triangle has 55 values, expected 210").
 */
@Tag("spark")
class AtlasFamilyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TPL = "tpl-MNI152NLin2009cAsym";
  private static final String FINE = TPL + "_res-04_atlas-Toy_desc-12Regions_dseg.nii.gz";
  private static final String COARSE = TPL + "_res-08_atlas-Toy_desc-6Regions_dseg.nii.gz";

  @TempDir
  static Path work;
  private static Path bids;
  private static Path out;
  private static CliRun run;

  /** The sample cohort with its atlas/ folder holding the two Toy atlases instead. */
  @BeforeAll
  static void runWithTwoAtlasesOfOneFamily() throws IOException {
    bids = work.resolve("bids");
    CohortFiles.copyTree(TestData.sampleCohort(), bids);
    Path folder = bids.resolve("atlas");
    Atlas sample = Atlas.load(DataSources.open(folder
        .resolve(TPL + "_atlas-Sample_dseg.nii.gz").toString()));
    try (Stream<Path> old = Files.list(folder)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    writeFine(sample, folder);
    writeCoarse(sample, folder);
    out = work.resolve("out");
    run = CliRun.of("run", "--bids", bids.toString(), "--out", out.toString(),
        "--set", "fmri.measures=pearson", "--set", "graph.null_graphs=0",
        "--set", "graph.louvain_runs=2");
  }

  @Test
  void eachAtlasGetsItsFamilyAndDescAsLabel() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("8 runs: 8 computed, 0 skipped, 0 failed"), run.out());
    for (int s = 1; s <= 4; s++) {
      String sub = "sub-0" + s;
      Path func = out.resolve(sub + "/func");
      String prefix = sub + "_task-rest_space-MNI152NLin2009cAsym_atlas-";
      assertRelmat(func.resolve(prefix + "Toy12Regions_stat-pearsoncorrelation_relmat.tsv"),
          12, "L_Visual_1");
      assertRelmat(func.resolve(prefix + "Toy6Regions_stat-pearsoncorrelation_relmat.tsv"),
          6, "L_Visual");
      Path dwi = out.resolve(sub + "/dwi");
      String dwiPrefix = sub + "_space-MNI152NLin2009cAsym_atlas-";
      assertEquals(12, RelmatTsv.read(dwi.resolve(dwiPrefix
          + "Toy12Regions_stat-streamlinecount_relmat.tsv")).size());
      assertEquals(6, RelmatTsv.read(dwi.resolve(dwiPrefix
          + "Toy6Regions_stat-streamlinecount_relmat.tsv")).size());
    }
    Set<String> atlases = new TreeSet<>();
    for (Row r : SharedSpark.get().read().format("delta")
        .load(out.resolve("tables/connectomes").toString()).select("atlas").distinct()
        .collectAsList()) {
      atlases.add(r.getString(0));
    }
    assertEquals(Set.of("Toy12Regions", "Toy6Regions"), atlases);
  }

  @Test
  void theOutputCarriesBothAtlasesAndTheSidecarsNameThem() throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    Path atlases = out.resolve("sourcedata/atlases");
    JsonNode description = JSON.readTree(atlases.resolve("dataset_description.json").toFile());
    assertEquals("atlas", description.get("DatasetType").asText());
    for (String[] a : List.of(new String[] {"Toy12Regions", "04", FINE, "12"},
        new String[] {"Toy6Regions", "08", COARSE, "6"})) {
      String label = a[0];
      String stem = "atlas-" + label + "_space-MNI152NLin2009cAsym_res-" + a[1] + "_dseg";
      Path folder = atlases.resolve("atlas-" + label);
      assertTrue(Files.isRegularFile(folder.resolve(stem + ".nii.gz")), stem);
      assertTrue(Files.isRegularFile(folder.resolve("atlas-" + label + "_dseg.tsv")));
      JsonNode meta = JSON.readTree(folder.resolve(stem + ".json").toFile());
      assertEquals(label, meta.get("Name").asText());
      assertEquals(a[2], meta.get("SourceFile").asText());
      assertEquals(Integer.parseInt(a[3]), meta.get("NumberOfRegions").asInt());
      for (String file : List.of(
          "sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym_atlas-" + label
              + "_stat-pearsoncorrelation_relmat.json",
          "sub-01/func/sub-01_task-rest_space-MNI152NLin2009cAsym_atlas-" + label
              + "_stat-mean_timeseries.json",
          "sub-01/dwi/sub-01_space-MNI152NLin2009cAsym_atlas-" + label
              + "_stat-streamlinecount_relmat.json")) {
        JsonNode sidecar = JSON.readTree(out.resolve(file).toFile());
        assertEquals(label, sidecar.get("Atlas").asText(), file);
        String uri = sidecar.get("AtlasFile").asText();
        assertEquals("bids::sourcedata/atlases/atlas-" + label + "/" + stem + ".nii.gz", uri,
            file);
        assertTrue(Files.isRegularFile(out.resolve(uri.substring("bids::".length()))));
      }
    }
    assertTrue(Files.isRegularFile(out.resolve("report/index.html")),
        "the report loads the atlases from their copies");
  }

  @Test
  void twoAtlasesThatWouldShareALabelAreRefusedUpFrontNamingBoth() throws IOException {
    Path other = Files.createDirectories(work.resolve("other"));
    Path copy = other.resolve(FINE);
    Files.copy(bids.resolve("atlas").resolve(FINE), copy);
    Files.copy(bids.resolve("atlas").resolve(TPL + "_atlas-Toy_desc-12Regions_dseg.tsv"),
        other.resolve(TPL + "_atlas-Toy_desc-12Regions_dseg.tsv"));
    Path refusedOut = work.resolve("refused");
    String first = bids.resolve("atlas").resolve(FINE).toString();
    CliRun refused = CliRun.of("run", "--bids", bids.toString(), "--out",
        refusedOut.toString(), "--atlas", first, "--atlas", copy.toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains(first) && refused.err().contains(copy.toString()),
        refused.err());
    assertTrue(refused.err().contains("atlas-Toy12Regions"), refused.err());
    assertNoStackTrace(refused.err());
    assertFalse(Files.exists(refusedOut.resolve("sub-01")), "no per-run work");

    CliRun labelled = CliRun.of("run", "--bids", bids.toString(), "--out",
        refusedOut.toString(), "--atlas", first + ":Toy", "--atlas", copy + ":Toy");
    assertEquals(2, labelled.exitCode(), labelled.err());
    assertNoStackTrace(labelled.err());
  }

  @Test
  void anAtlasInAnotherTemplateIsRefusedUpFront() throws IOException {
    Path other = Files.createDirectories(work.resolve("six"));
    Path image = other.resolve("tpl-MNI152NLin6Asym_res-04_atlas-Toy_desc-12Regions_dseg.nii.gz");
    Files.copy(bids.resolve("atlas").resolve(FINE), image);
    Files.copy(bids.resolve("atlas").resolve(TPL + "_atlas-Toy_desc-12Regions_dseg.tsv"),
        other.resolve("tpl-MNI152NLin6Asym_atlas-Toy_desc-12Regions_dseg.tsv"));
    Path refusedOut = work.resolve("six-out");
    CliRun refused = CliRun.of("run", "--bids", bids.toString(), "--out",
        refusedOut.toString(), "--atlas", image.toString());
    assertEquals(2, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("template MNI152NLin6Asym"), refused.err());
    assertTrue(refused.err().contains("every BOLD run's space-MNI152NLin2009cAsym"),
        refused.err());
    assertNoStackTrace(refused.err());
    assertFalse(Files.exists(refusedOut.resolve("sub-01")), "no per-run work");
  }

  private static void assertRelmat(Path file, int regions, String first) throws IOException {
    Connectome c = RelmatTsv.read(file);
    assertEquals(regions, c.size(), file.toString());
    assertEquals(first, c.names().get(0));
    double[][] m = c.toMatrix();
    for (int i = 0; i < regions; i++) {
      assertEquals(1.0, m[i][i], 1e-9, file + " diagonal");
    }
  }

  private static void assertNoStackTrace(String err) {
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
    assertTrue(err.lines().count() <= 3, err);
  }

  /** The sample atlas as TemplateFlow would ship it: same grid, table with label columns. */
  private static void writeFine(Atlas sample, Path folder) throws IOException {
    double[] values = new double[sample.labels().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = sample.labels()[i];
    }
    NiftiWriter.writeImage(folder.resolve(FINE), spec(sample.shape(), 4, sample.affine()),
        values);
    StringBuilder tsv = new StringBuilder("index\tlabel\tnetwork_label\n");
    for (Atlas.Region r : sample.regions()) {
      tsv.append(r.index()).append('\t').append(r.name()).append('\t').append(r.network())
          .append('\n');
    }
    Files.writeString(folder.resolve(TPL + "_atlas-Toy_desc-12Regions_dseg.tsv"), tsv);
  }

  /**
   * A 6-region merge of the sample atlas (lower and upper halves joined) on a grid of twice the
   * voxel size: runs of the 4 mm template are parcellated through nearest-neighbour resampling.
   * Each 8 mm voxel takes the merged label most of its eight 4 mm voxels carry, background
   * unless more than half are labelled.
   */
  private static void writeCoarse(Atlas sample, Path folder) throws IOException {
    int[] fine = sample.shape();
    int[] shape = {fine[0] / 2, fine[1] / 2, fine[2] / 2};
    double[][] a = sample.affine();
    double[][] affine = new double[4][4];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 3; c++) {
        affine[r][c] = 2 * a[r][c];
      }
      // The 8 mm voxel i is centred between 4 mm voxels 2i and 2i + 1.
      affine[r][3] = a[r][3] + 0.5 * (a[r][0] + a[r][1] + a[r][2]);
    }
    affine[3] = new double[] {0, 0, 0, 1};
    double[] values = new double[shape[0] * shape[1] * shape[2]];
    for (int z = 0; z < shape[2]; z++) {
      for (int y = 0; y < shape[1]; y++) {
        for (int x = 0; x < shape[0]; x++) {
          int[] votes = new int[7];
          for (int d = 0; d < 8; d++) {
            int fx = 2 * x + (d & 1);
            int fy = 2 * y + (d >> 1 & 1);
            int fz = 2 * z + (d >> 2 & 1);
            int label = sample.labels()[fx + fine[0] * (fy + fine[1] * fz)];
            votes[label == 0 ? 0 : (label + 1) / 2]++;
          }
          int best = 1;
          for (int l = 2; l <= 6; l++) {
            if (votes[l] > votes[best]) {
              best = l;
            }
          }
          values[x + shape[0] * (y + shape[1] * z)] = votes[0] >= 4 ? 0 : best;
        }
      }
    }
    NiftiWriter.writeImage(folder.resolve(COARSE), spec(shape, 8, affine), values);
    StringBuilder tsv = new StringBuilder("index\tname\tnetwork\n");
    for (int l = 1; l <= 6; l++) {
      Atlas.Region lower = sample.regions().get(2 * l - 2);
      String name = lower.name().substring(0, lower.name().lastIndexOf('_'));
      tsv.append(l).append('\t').append(name).append('\t').append(lower.network()).append('\n');
    }
    Files.writeString(folder.resolve(TPL + "_atlas-Toy_desc-6Regions_dseg.tsv"), tsv);
  }

  private static NiftiImageSpec spec(int[] shape, double voxelMm, double[][] affine) {
    return new NiftiImageSpec(new long[] {shape[0], shape[1], shape[2]},
        new double[] {voxelMm, voxelMm, voxelMm}, affine, NiftiDataType.INT16,
        new XyztUnits("mm", "sec"), 0);
  }
}
