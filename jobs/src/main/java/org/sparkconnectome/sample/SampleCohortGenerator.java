package org.sparkconnectome.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a deterministic fMRIPrep-style cohort with planted connectivity: preprocessed BOLD,
 * confounds, brain masks, tractograms, an atlas and {@code ground_truth.json}. Everything is
 * drawn from the seed alone, so the same command gives the same bytes on every machine.
 */
public final class SampleCohortGenerator {
  static final String TASK = "rest";
  static final String SPACE = "MNI152NLin2009cAsym";
  static final String ATLAS = "Sample";
  /** BOLD signal model: baseline, planted-signal amplitude and thermal noise, in scanner units. */
  private static final double BASELINE = 800;
  private static final double SIGNAL = 14;
  private static final double NOISE = 10;

  private final SampleSpec spec;
  private final SyntheticAtlas atlas;
  private final PlantedConnectivity planted;
  /** The patient group's connectivity; the same object as {@code planted} without an effect. */
  private final PlantedConnectivity patientPlanted;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final boolean diffusion;

  public SampleCohortGenerator(SampleSpec spec) {
    this(spec, false);
  }

  /**
   * @param diffusion also write a small synthetic DWI series per subject (dwi.nii.gz, bval,
   *     bvec) with fibre bundles along the planted structural pairs
   */
  public SampleCohortGenerator(SampleSpec spec, boolean diffusion) {
    this.spec = spec;
    this.diffusion = diffusion;
    this.atlas = SyntheticAtlas.build(spec.grid()[0], spec.grid()[1], spec.grid()[2]);
    this.planted = PlantedConnectivity.forAtlas(atlas.regions());
    this.patientPlanted = spec.effect() == null ? planted
        : planted.withEffect(atlas.regions(), spec.effect());
  }

  /** Generates the whole cohort under {@code out} (created if needed). */
  public void generate(Path out) throws IOException {
    Files.createDirectories(out);
    writeDatasetFiles(out);
    SampleFiles.writeAtlas(out.resolve("atlas"), atlasFileStem(), atlas, spec);
    ArrayNode runs = json.createArrayNode();
    for (int s = 1; s <= spec.subjects(); s++) {
      runs.add(generateSubject(out, s));
    }
    writeGroundTruth(out, runs);
  }

  /** The atlas file name without extension, BIDS template style. */
  public static String atlasFileStem() {
    return "tpl-" + SPACE + "_atlas-" + ATLAS + "_dseg";
  }

  static String subjectLabel(int index) {
    return String.format(Locale.ROOT, "%02d", index);
  }

  private void writeDatasetFiles(Path out) throws IOException {
    SampleFiles.writeDescription(out, "spark-connectome sample cohort", "derivative",
        "spark-connectome sample", "synthetic fMRIPrep-style derivatives with planted "
            + "connectivity; seed " + spec.seed());

    ObjectNode taskSidecar = json.createObjectNode();
    taskSidecar.put("TaskName", TASK);
    taskSidecar.put("RepetitionTime", spec.repetitionTime());
    json.writeValue(out.resolve("task-" + TASK + "_bold.json").toFile(), taskSidecar);

    SplittableRandom random = new SplittableRandom(spec.seed() ^ 0x5EED_9A27L);
    try (Writer w = Files.newBufferedWriter(out.resolve("participants.tsv"),
        StandardCharsets.UTF_8)) {
      w.write("participant_id\tgroup\tage\tsex\tsite\n");
      for (int s = 1; s <= spec.subjects(); s++) {
        String group = groupOf(s);
        int age = 20 + random.nextInt(50);
        String sex = random.nextBoolean() ? "F" : "M";
        String site = s <= (spec.subjects() + 1) / 2 ? "siteA" : "siteB";
        w.write("sub-" + subjectLabel(s) + "\t" + group + "\t" + age + "\t" + sex + "\t" + site
            + "\n");
      }
    }
  }

  /** Groups alternate, so any cohort of two or more subjects has both. */
  static String groupOf(int subjectIndex) {
    return subjectIndex % 2 == 1 ? "control" : GroupEffect.AFFECTED_GROUP;
  }

  private ObjectNode generateSubject(Path out, int index) throws IOException {
    String sub = subjectLabel(index);
    SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + index);
    Path func = Files.createDirectories(out.resolve("sub-" + sub).resolve("func"));
    String prefix = "sub-" + sub + "_task-" + TASK;
    String imagePrefix = prefix + "_space-" + SPACE;

    int t = spec.timepoints();
    PlantedConnectivity connectivity =
        GroupEffect.AFFECTED_GROUP.equals(groupOf(index)) ? patientPlanted : planted;
    double[][] signals = connectivity.regionSignals(t, random.split());
    MotionTrace motion = MotionTrace.generate(t, spec.motionJerks(), random.split());
    double[] physio = autoregressive(t, 0.9, random.split());
    BoldVolumes bold = new BoldVolumes(atlas, spec, signals, motion, physio, random.split(),
        BASELINE, SIGNAL, NOISE);
    SampleFiles.BoldSummary summary = SampleFiles.writeBold(
        func.resolve(imagePrefix + "_desc-preproc_bold" + extension()), bold, spec);
    SampleFiles.writeMask(func.resolve(imagePrefix + "_desc-brain_mask" + extension()), atlas,
        spec);

    ObjectNode sidecar = json.createObjectNode();
    sidecar.put("SkullStripped", false);
    sidecar.put("Description", "synthetic preprocessed BOLD with planted connectivity");
    json.writeValue(func.resolve(imagePrefix + "_desc-preproc_bold.json").toFile(), sidecar);

    GeneratedConfounds confounds = confounds(motion, physio, summary, random.split());
    try (Writer w = Files.newBufferedWriter(
        func.resolve(prefix + "_desc-confounds_timeseries.tsv"), StandardCharsets.UTF_8)) {
      confounds.write(w);
    }

    ObjectNode run = json.createObjectNode();
    run.put("subject", sub);
    run.put("bold", "sub-" + sub + "/func/" + imagePrefix + "_desc-preproc_bold" + extension());
    ArrayNode censored = run.putArray("volumes_over_fd_0.5mm");
    double[] fd = motion.framewiseDisplacement();
    for (int v = 0; v < t; v++) {
      if (fd[v] > 0.5) {
        censored.add(v);
      }
    }
    if (spec.streamlines() > 0) {
      Path dwi = Files.createDirectories(out.resolve("sub-" + sub).resolve("dwi"));
      String tck = "sub-" + sub + "_space-" + SPACE + "_tractography.tck";
      SampleFiles.writeTractogram(dwi.resolve(tck), atlas, spec, plantedStructure(),
          random.split());
      run.put("tractogram", "sub-" + sub + "/dwi/" + tck);
    }
    if (diffusion) {
      // Drawn after everything else, so the other files stay the same with or without DWI.
      Path dwi = Files.createDirectories(out.resolve("sub-" + sub).resolve("dwi"));
      String stem = "sub-" + sub + "_dwi";
      SyntheticDiffusion.write(dwi, stem, atlas, spec, plantedBundles(), random.split());
      run.put("dwi", "sub-" + sub + "/dwi/" + stem + ".nii.gz");
    }
    return run;
  }

  private String extension() {
    return spec.compress() ? ".nii.gz" : ".nii";
  }

  /**
   * fMRIPrep's confounds table, with its full column set in its order. Draws come in a fixed
   * order (the columns of the first sample first), so adding columns keeps the others' values.
   * CompCor components and cosines are 0 on the non-steady-state volumes, which fMRIPrep leaves
   * out when it computes them; the cosines are its discrete cosine basis of a 128 s high-pass
   * filter over the other volumes. The physiological signal is in csf, white_matter,
   * a_comp_cor_00, c_comp_cor_00, w_comp_cor_00 and t_comp_cor_00.
   */
  private GeneratedConfounds confounds(MotionTrace motion, double[] physio,
      SampleFiles.BoldSummary bold, SplittableRandom random) {
    int t = spec.timepoints();
    int dummy = Math.min(spec.dummyScans(), t);
    double[] csf = plusNoise(physio, 1.0, 0.2, random);
    double[] whiteMatter = plusNoise(physio, 0.5, 0.2, random);
    double[][] aCompCor = new double[5][];
    aCompCor[0] = plusNoise(physio, 1.0, 0.05, random);
    for (int c = 1; c < aCompCor.length; c++) {
      aCompCor[c] = autoregressive(t, 0.5, random);
    }
    double[][] cCompCor = components(6, physio, 1.0, random, dummy);
    double[][] wCompCor = components(6, physio, 0.5, random, dummy);
    double[][] tCompCor = components(4, physio, 0.8, random, dummy);
    double[][] cosines = cosineBasis(t, dummy, spec.repetitionTime());

    GeneratedConfounds table = new GeneratedConfounds(t);
    table.putWithExpansions("global_signal", bold.globalSignal());
    table.putWithExpansions("csf", csf);
    table.putWithExpansions("white_matter", whiteMatter);
    table.put("std_dvars", bold.stdDvars());
    table.put("dvars", bold.dvars());
    double[] fd = motion.framewiseDisplacement();
    fd[0] = Double.NaN;
    table.put("framewise_displacement", fd);
    putAll(table, "t_comp_cor_%02d", tCompCor);
    putAll(table, "c_comp_cor_%02d", cCompCor);
    putAll(table, "w_comp_cor_%02d", wCompCor);
    putAll(table, "a_comp_cor_%02d", aCompCor);
    putAll(table, "cosine%02d", cosines);
    for (int d = 0; d < spec.dummyScans(); d++) {
      double[] flag = new double[t];
      flag[d] = 1;
      table.put(String.format(Locale.ROOT, "non_steady_state_outlier%02d", d), flag);
    }
    String[] names = {"trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"};
    for (int k = 0; k < names.length; k++) {
      double[] column = new double[t];
      for (int v = 0; v < t; v++) {
        column[v] = motion.params()[v][k];
      }
      table.putWithExpansions(names[k], column);
    }
    return table;
  }

  private static void putAll(GeneratedConfounds table, String format, double[][] columns) {
    for (int c = 0; c < columns.length; c++) {
      table.put(String.format(Locale.ROOT, format, c), columns[c]);
    }
  }

  /** CompCor-like components: the first carries the physiological signal, the rest AR noise. */
  private static double[][] components(int count, double[] physio, double gain,
      SplittableRandom random, int dummy) {
    int t = physio.length;
    double[][] out = new double[count][];
    out[0] = plusNoise(physio, gain, 0.05, random);
    for (int c = 1; c < count; c++) {
      out[c] = autoregressive(t, 0.5, random);
    }
    for (double[] column : out) {
      java.util.Arrays.fill(column, 0, dummy, 0.0);
    }
    return out;
  }

  /**
   * fMRIPrep's cosine regressors: nilearn's discrete cosine drift basis for a 1/128 Hz high-pass
   * over the volumes after the dummy scans ({@code sqrt(2/n) cos(pi k (t + 1/2) / n)}, k from
   * 1 to {@code floor(2 n TR / 128)}), 0 on the dummy scans.
   */
  static double[][] cosineBasis(int timepoints, int dummy, double repetitionTime) {
    int n = timepoints - dummy;
    int order = n < 2 ? 0 : Math.min(n - 1, (int) Math.floor(2 * n * repetitionTime / 128.0));
    double[][] out = new double[order][timepoints];
    double normaliser = Math.sqrt(2.0 / n);
    for (int k = 1; k <= order; k++) {
      for (int i = 0; i < n; i++) {
        out[k - 1][dummy + i] = normaliser * Math.cos(Math.PI / n * (i + 0.5) * k);
      }
    }
    return out;
  }

  /**
   * Planted streamline counts per region pair: strongest within a network and hemisphere,
   * weaker between homotopic regions, none elsewhere; scaled to about {@code streamlines}.
   */
  int[][] plantedStructure() {
    double[][] c = planted.correlation();
    int n = c.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        total += structuralWeight(c[i][j]);
      }
    }
    int[][] counts = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int k = (int) Math.round(spec.streamlines() * structuralWeight(c[i][j]) / total);
        counts[i][j] = k;
        counts[j][i] = k;
      }
    }
    return counts;
  }

  /** Region pairs that get a fibre bundle: those with planted streamlines (or weight). */
  private int[][] plantedBundles() {
    double[][] c = planted.correlation();
    int n = c.length;
    int[][] pairs = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        pairs[i][j] = i != j && structuralWeight(c[i][j]) > 0 ? 1 : 0;
      }
    }
    return pairs;
  }

  private static double structuralWeight(double correlation) {
    return correlation > PlantedConnectivity.BACKGROUND ? correlation : 0;
  }

  private void writeGroundTruth(Path out, ArrayNode runs) throws IOException {
    ObjectNode truth = json.createObjectNode();
    truth.put("about", "Planted ground truth of this generated cohort. functional_correlation "
        + "is the correlation of the region signals every voxel of a region carries (before "
        + "noise, motion, physiological nuisance and drift are added); "
        + "structural_streamline_count is the number of streamlines drawn between the "
        + "regions' voxels (end points inside the regions).");
    truth.put("seed", spec.seed());
    truth.put("repetition_time", spec.repetitionTime());
    truth.put("timepoints", spec.timepoints());
    truth.put("dummy_scans", spec.dummyScans());
    truth.put("atlas", "atlas/" + atlasFileStem() + ".nii.gz");
    ArrayNode names = truth.putArray("regions");
    atlas.regions().forEach(r -> names.add(r.name()));
    truth.set("functional_correlation", json.valueToTree(planted.correlation()));
    if (spec.effect() != null) {
      ObjectNode effect = truth.putObject("group_effect");
      effect.put("group", GroupEffect.AFFECTED_GROUP);
      effect.put("network", spec.effect().network());
      effect.put("delta", spec.effect().delta());
      truth.set("patient_functional_correlation",
          json.valueToTree(patientPlanted.correlation()));
    }
    if (spec.streamlines() > 0) {
      truth.set("structural_streamline_count", json.valueToTree(plantedStructure()));
    }
    truth.set("runs", runs);
    json.writeValue(out.resolve("ground_truth.json").toFile(), truth);
  }

  private static double[] autoregressive(int t, double phi, SplittableRandom random) {
    double[] x = new double[t];
    double innovation = Math.sqrt(1 - phi * phi);
    for (int i = 0; i < t; i++) {
      double e = PlantedConnectivity.gaussian(random);
      x[i] = i == 0 ? e : phi * x[i - 1] + innovation * e;
    }
    return x;
  }

  private static double[] plusNoise(double[] signal, double gain, double noise,
      SplittableRandom random) {
    double[] out = new double[signal.length];
    for (int i = 0; i < signal.length; i++) {
      out[i] = gain * signal[i] + noise * PlantedConnectivity.gaussian(random);
    }
    return out;
  }

  /** Region names in label order, for callers that check recovered matrices. */
  public List<String> regionNames() {
    List<String> names = new ArrayList<>();
    atlas.regions().forEach(r -> names.add(r.name()));
    return names;
  }
}
