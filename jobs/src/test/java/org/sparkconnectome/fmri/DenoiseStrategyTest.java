package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.config.PipelineConfig;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.stage.RunFailure;
import org.sparkconnectome.testing.TestData;

/** The strategy loader: XCP-D's column sets, user files, extra tables and the errors. */
class DenoiseStrategyTest {
  private static final Path CONFOUNDS = TestData.sampleCohort()
      .resolve("sub-01/func/sub-01_task-rest_desc-confounds_timeseries.tsv");

  private static ConfoundTables sample(Map<String, Path> extra) throws IOException {
    Map<String, ConfoundsTable> tables = new LinkedHashMap<>();
    tables.put(ConfoundTables.FMRIPREP, ConfoundsTable.read(new LocalDataSource(CONFOUNDS)));
    for (Map.Entry<String, Path> e : extra.entrySet()) {
      tables.put(e.getKey(), ConfoundsTable.read(new LocalDataSource(e.getValue())));
    }
    return ConfoundTables.of(tables, ExtraConfounds.describe(List.of()));
  }

  private static List<String> names(List<DenoiseStrategy.Column> columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.name()));
    return out;
  }

  @Test
  void acompcorIsXcpdsMotionDerivativesTopFiveWhiteMatterAndCsfAndCosines() throws Exception {
    List<String> columns = names(DenoiseStrategy.of("acompcor", "").resolve(sample(Map.of())));
    List<String> expected = new ArrayList<>();
    for (String m : new String[] {"trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"}) {
      expected.add(m);
      expected.add(m + "_derivative1");
    }
    for (String kind : new String[] {"w", "c"}) {
      for (int i = 0; i < 5; i++) {
        expected.add(kind + "_comp_cor_0" + i);
      }
    }
    for (int i = 0; i < 4; i++) {
      expected.add("cosine0" + i);
    }
    assertEquals(expected, columns, "the sample also has w/c_comp_cor_05 and a_comp_cor_*");
  }

  @Test
  void everyBuiltInHasXcpdsColumnCount() throws Exception {
    ConfoundTables tables = sample(Map.of());
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("none", 0);
    counts.put("motion6", 6);
    counts.put("24P", 24);
    counts.put("27P", 27);
    counts.put("36P", 36);
    counts.put("acompcor", 26);
    counts.put("acompcor_gsr", 27);
    counts.put("gsr_only", 1);
    counts.forEach((name, count) -> {
      try {
        DenoiseStrategy s = DenoiseStrategy.of(name, "");
        assertEquals(name, s.name());
        assertFalse(s.description().isBlank(), name + " describes itself");
        assertEquals(count, s.resolve(tables).size(), name);
      } catch (RunFailure e) {
        throw new AssertionError(name + ": " + e.getMessage(), e);
      }
    });
    assertEquals("27P", DenoiseStrategy.of("27p", "").name(), "names ignore case");
  }

  @Test
  void aMissingColumnFailsTheRunNamingTheStrategyAndTheColumn(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub-01_task-rest_desc-confounds_timeseries.tsv");
    List<String> lines = Files.readAllLines(CONFOUNDS);
    List<String> header = List.of(lines.get(0).split("\t"));
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      String[] cells = line.split("\t", -1);
      List<String> row = new ArrayList<>();
      for (int c = 0; c < cells.length; c++) {
        if (!header.get(c).startsWith("w_comp_cor") && !header.get(c).equals("csf")) {
          row.add(cells[c]);
        }
      }
      kept.add(String.join("\t", row));
    }
    Files.write(file, kept);
    ConfoundTables tables = ConfoundTables.of(Map.of(ConfoundTables.FMRIPREP,
        ConfoundsTable.read(new LocalDataSource(file))), "");
    RunFailure regex = assertThrows(RunFailure.class,
        () -> DenoiseStrategy.of("acompcor", "").resolve(tables));
    assertTrue(regex.getMessage().contains("fmri.denoise=acompcor")
        && regex.getMessage().contains("^w_comp_cor_0[0-4]$")
        && regex.getMessage().contains(file.getFileName().toString()), regex.getMessage());
    assertFalse(regex.getMessage().contains(dir.toString()), "no input path in the reason");
    RunFailure literal = assertThrows(RunFailure.class,
        () -> DenoiseStrategy.of("36P", "").resolve(tables));
    assertTrue(literal.getMessage().contains(file.getFileName() + ": no column 'csf', which "
        + "fmri.denoise=36P needs"), literal.getMessage());
  }

  @Test
  void aromaWithoutFmripostAromaIsRefusedSayingWhatToDo() throws Exception {
    RunFailure e = assertThrows(RunFailure.class,
        () -> DenoiseStrategy.of("aroma", "").resolve(sample(Map.of())));
    assertTrue(e.getMessage().contains("fmri.denoise=aroma")
        && e.getMessage().contains("desc-aroma_timeseries.tsv")
        && e.getMessage().contains("aroma_orth_motion_")
        && e.getMessage().contains("fmri.extra_confounds"), e.getMessage());
    Path aroma = TestData.referenceFile("signal", "denoise_strategies_aroma.tsv");
    List<String> columns = names(DenoiseStrategy.of("aroma_gsr", "")
        .resolve(sample(Map.of("aroma", aroma))));
    assertEquals(List.of("global_signal", "csf", "white_matter", "aroma_orth_motion_00",
        "aroma_orth_motion_01", "aroma_orth_motion_02", "aroma_orth_motion_03"), columns);
  }

  @Test
  void aUserFileInXcpdsShapeOrAsAListIsReadByTheSameLoader(@TempDir Path dir)
      throws Exception {
    Path task = dir.resolve("sub-01_task-rest_desc-task_timeseries.tsv");
    StringBuilder tsv = new StringBuilder("block\tcue\n");
    for (int t = 0; t < 150; t++) {
      tsv.append(t / 10 % 2).append('\t').append(t % 7 == 0 ? 1 : 0).append('\n');
    }
    Files.writeString(task, tsv);
    Path mine = dir.resolve("mine.yml");
    Files.writeString(mine, String.join("\n",
        "name: motion_and_task",
        "description: Six motion parameters and the task's block regressor.",
        "confounds:",
        "  preproc_confounds:",
        "    dataset: preprocessed",
        "    query:",
        "      desc: confounds",
        "    columns: [trans_x, trans_y, trans_z, rot_x, rot_y, rot_z]",
        "  task_regressors:",
        "    dataset: custom",
        "    query:",
        "      desc: task",
        "    columns: [block]",
        ""));
    DenoiseStrategy strategy = DenoiseStrategy.of(mine.toString(), "");
    assertEquals("motion_and_task", strategy.name());
    assertEquals(List.of("task"), new ArrayList<>(strategy.extraTables()));
    ConfoundTables tables = sample(Map.of("task", task));
    assertEquals(List.of("trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z", "block"),
        names(strategy.resolve(tables)));
    assertEquals("task", strategy.resolve(tables).get(6).desc());

    Path list = dir.resolve("list.yaml");
    Files.writeString(list, "name: short\nconfounds: [global_signal, ^cue$, '^cosine\\d+$']\n");
    assertEquals(List.of("global_signal", "cue", "cosine00", "cosine01", "cosine02",
        "cosine03"), names(DenoiseStrategy.of(list.toString(), "").resolve(tables)),
        "a plain list looks in every table of the run");
    RunFailure missing = assertThrows(RunFailure.class, () -> strategy.resolve(sample(Map.of())));
    assertTrue(missing.getMessage().contains("desc-task_timeseries.tsv"), missing.getMessage());

    DenoiseStrategy custom = DenoiseStrategy.of("custom", "csf, ^cue$");
    assertEquals(List.of("csf", "cue"), names(custom.resolve(tables)));
  }

  @Test
  void badStrategyFilesAreRefusedNamingTheProblem(@TempDir Path dir) throws IOException {
    Path voxelwise = dir.resolve("rapid.yml");
    Files.writeString(voxelwise, "name: rapid\nconfounds:\n  lfo:\n    dataset: rapidtide\n"
        + "    query: {desc: LFO, extension: .nii.gz}\n");
    UserException e = assertThrows(UserException.class,
        () -> DenoiseStrategy.of(voxelwise.toString(), ""));
    assertTrue(e.getMessage().contains("voxel-wise"), e.getMessage());
    Path regex = dir.resolve("regex.yml");
    Files.writeString(regex, "name: bad\nconfounds: ['^cosine(']\n");
    e = assertThrows(UserException.class, () -> DenoiseStrategy.of(regex.toString(), ""));
    assertTrue(e.getMessage().contains("^cosine("), e.getMessage());
    Path nameless = dir.resolve("nameless.yml");
    Files.writeString(nameless, "confounds: [csf]\n");
    e = assertThrows(UserException.class, () -> DenoiseStrategy.of(nameless.toString(), ""));
    assertTrue(e.getMessage().contains("needs a name"), e.getMessage());
    e = assertThrows(UserException.class,
        () -> DenoiseStrategy.of(dir.resolve("absent.yml").toString(), ""));
    assertTrue(e.getMessage().contains("cannot read the strategy file"), e.getMessage());
    e = assertThrows(UserException.class, () -> DenoiseStrategy.of("42P", ""));
    assertTrue(e.getMessage().contains("acompcor_gsr") && e.getMessage().contains(".yml"),
        e.getMessage());
  }

  @Test
  void extraTablesAreFoundBesideTheRunOrUnderADerivativeRoot(@TempDir Path dir)
      throws IOException {
    Path func = Files.createDirectories(dir.resolve("bids/sub-01/ses-a/func"));
    Path bold = func.resolve("sub-01_ses-a_task-rest_run-1_space-MNI_desc-preproc_bold.nii.gz");
    Files.writeString(bold, "");
    Files.writeString(func.resolve("sub-01_ses-a_task-rest_run-1_desc-confounds_timeseries.tsv"),
        "");
    Files.writeString(func.resolve("sub-01_ses-a_task-rest_run-1_desc-task_timeseries.tsv"), "");
    Files.writeString(func.resolve("sub-01_ses-a_task-rest_run-2_desc-task_timeseries.tsv"), "");
    Path aroma = Files.createDirectories(dir.resolve("aroma/sub-01/ses-a/func"));
    Files.writeString(aroma.resolve("sub-01_ses-a_task-rest_run-1_desc-aroma_timeseries.tsv"),
        "");
    String uri = bold.toUri().toString();
    FunctionalRun run = new FunctionalRun(BidsName.entitiesOf(uri), uri, "sha256:0", "sha256:0",
        0, 2.0, null, "bids:preprocessed:" + bold.getFileName());
    List<String> places = ExtraConfounds.places("beside, " + dir.resolve("aroma"));
    List<DataSource> found = ExtraConfounds.find(run, places, new Configuration());
    List<String> files = new ArrayList<>();
    found.forEach(f -> files.add(f.fileName()));
    assertEquals(List.of("sub-01_ses-a_task-rest_run-1_desc-task_timeseries.tsv",
        "sub-01_ses-a_task-rest_run-1_desc-aroma_timeseries.tsv"), files,
        "fMRIPrep's own table and other runs' are not taken");
    assertTrue(ExtraConfounds.find(run, List.of(), new Configuration()).isEmpty());
    assertThrows(UserException.class, () -> ExtraConfounds.places(dir.resolve("nope")
        .toString()));
  }

  @Test
  void motionFilterSettingsAreCheckedOnTheDriver() {
    PipelineConfig base = PipelineConfig.defaults();
    UserException e = assertThrows(UserException.class, () -> FunctionalSettings.from(
        base.withAssignment("fmri.motion_filter_type=notch")
            .withAssignment("fmri.band_stop_min=12")));
    assertTrue(e.getMessage().contains("band_stop_max"), e.getMessage());
    e = assertThrows(UserException.class, () -> FunctionalSettings.from(
        base.withAssignment("fmri.motion_filter_type=bandpass")));
    assertTrue(e.getMessage().contains("none, lp or notch"), e.getMessage());
    FunctionalSettings lp = FunctionalSettings.from(base
        .withAssignment("fmri.motion_filter_type=lp").withAssignment("fmri.band_stop_min=6"));
    assertEquals("lp", lp.motionFilter().type());
    assertEquals(null, FunctionalSettings.from(base).motionFilter(), "off by default");
  }
}
