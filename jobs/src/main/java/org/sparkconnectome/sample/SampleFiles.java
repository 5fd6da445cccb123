package org.sparkconnectome.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparkconnectome.config.SoftwareVersion;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.formats.streamlines.TckWriter;

/** Writes the generated cohort's files: atlas, BOLD runs, masks and tractograms. */
final class SampleFiles {
  private SampleFiles() {
  }

  private static final XyztUnits MM_SEC = new XyztUnits("mm", "sec");

  private static NiftiImageSpec spec3d(SampleSpec spec, NiftiDataType type) {
    int[] g = spec.grid();
    double v = spec.voxelMm();
    return new NiftiImageSpec(new long[] {g[0], g[1], g[2]}, new double[] {v, v, v},
        spec.affine(), type, MM_SEC, 0);
  }

  /** The label image and its region table. */
  /** The dataset's {@code dataset_description.json}, naming the generator and its seed. */
  static void writeDescription(Path out, String name, String datasetType, String generator,
      String description) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode node = json.createObjectNode();
    node.put("Name", name);
    node.put("BIDSVersion", "1.9.0");
    node.put("DatasetType", datasetType);
    ObjectNode by = node.putArray("GeneratedBy").addObject();
    by.put("Name", generator);
    by.put("Version", SoftwareVersion.current());
    by.put("Description", description);
    json.writeValue(out.resolve("dataset_description.json").toFile(), node);
  }

  static void writeAtlas(Path folder, String stem, SyntheticAtlas atlas, SampleSpec spec)
      throws IOException {
    Files.createDirectories(folder);
    double[] labels = new double[atlas.voxelCount()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = atlas.labels()[i];
    }
    NiftiWriter.writeImage(folder.resolve(stem + ".nii.gz"), spec3d(spec, NiftiDataType.INT16),
        labels);
    try (Writer w = Files.newBufferedWriter(folder.resolve(stem + ".tsv"),
        StandardCharsets.UTF_8)) {
      w.write("index\tname\tnetwork\themisphere\n");
      for (SyntheticAtlas.Region r : atlas.regions()) {
        w.write(r.index() + "\t" + r.name() + "\t" + r.network() + "\t" + r.hemisphere() + "\n");
      }
    }
  }

  /** The brain mask (every labelled voxel). */
  static void writeMask(Path file, SyntheticAtlas atlas, SampleSpec spec) throws IOException {
    double[] mask = new double[atlas.voxelCount()];
    for (int i = 0; i < mask.length; i++) {
      mask[i] = atlas.labels()[i] > 0 ? 1 : 0;
    }
    NiftiWriter.writeImage(file, spec3d(spec, NiftiDataType.UINT8), mask);
  }

  /**
   * What fMRIPrep reports from the BOLD series itself: the global signal, DVARS and
   * standardised DVARS per volume (NaN for the first volume's DVARS, as fMRIPrep's n/a).
   */
  record BoldSummary(double[] globalSignal, double[] dvars, double[] stdDvars) {
  }

  /**
   * Streams the run to disk volume by volume; returns the global signal and DVARS of what was
   * written. DVARS is the root mean square over brain voxels of the change from the previous
   * volume; std_dvars divides it by its expected value under a voxelwise AR(1) model,
   * {@code mean sqrt(2 (1 - ar1)) sd} as nipype's ComputeDVARS (with the sample standard
   * deviation for its robust one, and no intensity normalisation), kept from running sums so
   * the run is never held whole.
   */
  static BoldSummary writeBold(Path file, BoldVolumes bold, SampleSpec spec) throws IOException {
    int[] g = spec.grid();
    double v = spec.voxelMm();
    int t = bold.timepoints();
    NiftiImageSpec image = new NiftiImageSpec(new long[] {g[0], g[1], g[2], t},
        new double[] {v, v, v}, spec.affine(),
        spec.floatData() ? NiftiDataType.FLOAT32 : NiftiDataType.INT16, MM_SEC,
        spec.repetitionTime());
    double[] global = new double[t];
    double[] dvars = new double[t];
    dvars[0] = Double.NaN;
    int voxels = g[0] * g[1] * g[2];
    float[] volume = new float[voxels];
    float[] previous = new float[voxels];
    float[] first = new float[voxels];
    double[] sum = new double[voxels];
    double[] sumSquares = new double[voxels];
    double[] sumLagged = new double[voxels];
    int brain = 0;
    for (int k = 0; k < voxels; k++) {
      brain += bold.inBrain(k) ? 1 : 0;
    }
    try (NiftiWriter writer = NiftiWriter.create(file, image)) {
      for (int i = 0; i < t; i++) {
        global[i] = bold.volume(i, volume);
        if (!spec.floatData()) {
          for (int k = 0; k < volume.length; k++) {
            volume[k] = Math.round(volume[k]);
          }
        }
        writer.writeVolume(volume);
        double squares = 0;
        for (int k = 0; k < voxels; k++) {
          if (!bold.inBrain(k)) {
            continue;
          }
          double x = volume[k];
          sum[k] += x;
          sumSquares[k] += x * x;
          if (i > 0) {
            double d = x - previous[k];
            squares += d * d;
            sumLagged[k] += x * previous[k];
          }
        }
        if (i > 0) {
          dvars[i] = brain == 0 ? 0 : Math.sqrt(squares / brain);
        } else {
          System.arraycopy(volume, 0, first, 0, voxels);
        }
        float[] swap = previous;
        previous = volume;
        volume = swap;
      }
    }
    double expected = 0;
    int counted = 0;
    for (int k = 0; k < voxels && t > 1; k++) {
      if (!bold.inBrain(k)) {
        continue;
      }
      double mean = sum[k] / t;
      double r0 = sumSquares[k] - t * mean * mean;
      double r1 = sumLagged[k] - mean * (2 * sum[k] - first[k] - previous[k])
          + (t - 1) * mean * mean;
      if (r0 <= 0) {
        continue;
      }
      double sdHat = Math.sqrt(2 * (1 - r1 / r0)) * Math.sqrt(r0 / t);
      if (sdHat > 0) {
        expected += sdHat;
        counted++;
      }
    }
    expected = counted == 0 ? 1 : expected / counted;
    double[] standardised = new double[t];
    for (int i = 0; i < t; i++) {
      standardised[i] = dvars[i] / expected;
    }
    return new BoldSummary(global, dvars, standardised);
  }

  /**
   * Straight streamlines between random voxels of each planted region pair, one point per mm:
   * both end points lie inside their regions' voxels, so every assignment method (end voxels,
   * radial search) recovers the planted counts.
   */
  static void writeTractogram(Path file, SyntheticAtlas atlas, SampleSpec spec, int[][] counts,
      SplittableRandom random) throws IOException {
    List<List<Integer>> voxels = new ArrayList<>();
    for (int r = 0; r <= atlas.regions().size(); r++) {
      voxels.add(new ArrayList<>());
    }
    for (int i = 0; i < atlas.labels().length; i++) {
      voxels.get(atlas.labels()[i]).add(i);
    }
    double[][] affine = spec.affine();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("generator", "spark-connectome sample (straight streamlines between planted "
        + "region pairs)");
    fields.put("step_size", "1");
    try (TckWriter writer = TckWriter.create(file, fields)) {
      for (int a = 0; a < counts.length; a++) {
        for (int b = a + 1; b < counts.length; b++) {
          for (int k = 0; k < counts[a][b]; k++) {
            double[] from = world(affine, atlas, pick(voxels.get(a + 1), random), random);
            double[] to = world(affine, atlas, pick(voxels.get(b + 1), random), random);
            float[] points = line(from, to);
            writer.write(points, points.length / 3);
          }
        }
      }
    }
  }

  private static int pick(List<Integer> voxels, SplittableRandom random) {
    return voxels.get(random.nextInt(voxels.size()));
  }

  /** World position of a voxel's centre, jittered by up to 0.4 voxel on each axis. */
  private static double[] world(double[][] affine, SyntheticAtlas atlas, int index,
      SplittableRandom random) {
    int x = index % atlas.nx();
    int y = (index / atlas.nx()) % atlas.ny();
    int z = index / (atlas.nx() * atlas.ny());
    double[] ijk = {x + jitter(random), y + jitter(random), z + jitter(random)};
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = affine[r][0] * ijk[0] + affine[r][1] * ijk[1] + affine[r][2] * ijk[2]
          + affine[r][3];
    }
    return out;
  }

  private static double jitter(SplittableRandom random) {
    return (random.nextDouble() - 0.5) * 0.8;
  }

  private static float[] line(double[] from, double[] to) {
    double length = Math.sqrt(Math.pow(to[0] - from[0], 2) + Math.pow(to[1] - from[1], 2)
        + Math.pow(to[2] - from[2], 2));
    int points = Math.max(2, (int) Math.ceil(length) + 1);
    float[] xyz = new float[points * 3];
    for (int p = 0; p < points; p++) {
      double f = p / (double) (points - 1);
      for (int c = 0; c < 3; c++) {
        xyz[p * 3 + c] = (float) (from[c] + f * (to[c] - from[c]));
      }
    }
    return xyz;
  }
}
