package org.sparkconnectome.parcel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.OutputFiles;

/**
 * Writes a parcellation under {@code OUT/atlases/atlas-NAME/}: the atlas {@code run --atlas}
 * reads ({@code atlas-NAME_dseg.nii.gz}, int32 labels 1..K on the runs' grid, and
 * {@code atlas-NAME_dseg.tsv} with index, name, size_voxels and the world-space centroid in
 * mm), its sidecar {@code atlas-NAME_dseg.json}, the per-parcel quality table
 * {@code atlas-NAME_quality.tsv}, and with stability {@code atlas-NAME_stability.nii.gz} and
 * {@code atlas-NAME_stability.json}.
 */
public final class ParcellationOutputs {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration conf;
  private final String folder;
  private final String name;

  public ParcellationOutputs(Configuration conf, String outRoot, String name) {
    this.conf = conf;
    this.name = name;
    this.folder = OutputFiles.resolve(outRoot, "atlases/atlas-" + name);
  }

  /** The file of this atlas with the given suffix, e.g. {@code _dseg.nii.gz}. */
  public String file(String suffix) {
    return OutputFiles.resolve(folder, "atlas-" + name + suffix);
  }

  /** The label image, its table and its sidecar. */
  public void writeAtlas(GridGraph graph, double[][] affine, int[] labels, int k,
      Map<String, Object> sidecar) throws IOException {
    int[] shape = graph.shape();
    float[] volume = new float[shape[0] * shape[1] * shape[2]];
    int[] voxels = graph.voxels();
    double[][] centroid = new double[k][3];
    int[] sizes = new int[k];
    for (int i = 0; i < voxels.length; i++) {
      int v = voxels[i];
      volume[v] = labels[i] + 1;
      sizes[labels[i]]++;
      centroid[labels[i]][0] += v % shape[0];
      centroid[labels[i]][1] += (v / shape[0]) % shape[1];
      centroid[labels[i]][2] += v / (shape[0] * shape[1]);
    }
    try (OutputStream out = OutputFiles.create(conf, file("_dseg.nii.gz"));
        NiftiWriter writer = NiftiWriter.create(out, true, spec(shape, affine,
            NiftiDataType.INT32))) {
      writer.writeVolume(volume);
    }
    try (Writer tsv = OutputFiles.createText(conf, file("_dseg.tsv"))) {
      tsv.write("index\tname\tsize_voxels\tcentroid_x\tcentroid_y\tcentroid_z\n");
      for (int c = 0; c < k; c++) {
        double[] ijk = {centroid[c][0] / sizes[c], centroid[c][1] / sizes[c],
            centroid[c][2] / sizes[c]};
        double[] mm = new double[3];
        for (int r = 0; r < 3; r++) {
          mm[r] = affine[r][0] * ijk[0] + affine[r][1] * ijk[1] + affine[r][2] * ijk[2]
              + affine[r][3];
        }
        tsv.write(String.format(Locale.ROOT, "%d\t%s_%d\t%d\t%.3f\t%.3f\t%.3f%n", c + 1, name,
            c + 1, sizes[c], mm[0], mm[1], mm[2]));
      }
    }
    writeJson("_dseg.json", sidecar);
  }

  /** Homogeneity and silhouette per parcel. */
  public void writeQuality(ParcelQuality quality) throws IOException {
    try (Writer tsv = OutputFiles.createText(conf, file("_quality.tsv"))) {
      tsv.write("index\tname\tsize_voxels\thomogeneity\tsilhouette\n");
      for (int c = 0; c < quality.sizes().length; c++) {
        tsv.write(String.format(Locale.ROOT, "%d\t%s_%d\t%d\t%s\t%s%n", c + 1, name, c + 1,
            quality.sizes()[c], number(quality.homogeneity()[c]),
            number(quality.silhouette()[c])));
      }
    }
  }

  /** The stability map (0 outside the mask) and the summary. */
  public void writeStability(GridGraph graph, double[][] affine, Stability stability,
      Map<String, Object> summary) throws IOException {
    if (stability.voxelStability() != null) {
      int[] shape = graph.shape();
      float[] volume = new float[shape[0] * shape[1] * shape[2]];
      int[] voxels = graph.voxels();
      for (int i = 0; i < voxels.length; i++) {
        volume[voxels[i]] = (float) stability.voxelStability()[i];
      }
      try (OutputStream out = OutputFiles.create(conf, file("_stability.nii.gz"));
          NiftiWriter writer = NiftiWriter.create(out, true, spec(shape, affine,
              NiftiDataType.FLOAT32))) {
        writer.writeVolume(volume);
      }
    }
    writeJson("_stability.json", summary);
  }

  /**
   * The feature matrix as a NumPy {@code .npy} (float64, n x f, rows in node order: the mask's
   * voxels in C order of the (nx, ny, nz) grid), so that a peer runs on exactly these values.
   */
  public String writeFeatures(double[] features, int n, int f) throws IOException {
    return writeNpy(file("_features.npy"), features, n, f);
  }

  /**
   * The ncut group graph as a NumPy {@code .npy} (float64, E x 3): per neighbour edge its two
   * nodes (node order as the features' rows, i &lt; j) and its weight (the fraction of runs
   * whose cut keeps them together), so that a peer cuts exactly this graph.
   */
  public String writeGroupGraph(int[][] edges, double[] weights) throws IOException {
    int count = weights.length;
    double[] table = new double[Math.multiplyExact(count, 3)];
    for (int e = 0; e < count; e++) {
      table[3 * e] = edges[0][e];
      table[3 * e + 1] = edges[1][e];
      table[3 * e + 2] = weights[e];
    }
    return writeNpy(file("_groupgraph.npy"), table, count, 3);
  }

  /** A row-major float64 matrix as NumPy's format 1.0. */
  private String writeNpy(String path, double[] values, int rows, int columns)
      throws IOException {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + columns
        + "), }";
    int total = 10 + dict.length() + 1;
    int padded = (total + 63) / 64 * 64;
    String header = dict + " ".repeat(padded - total) + "\n";
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
        OutputFiles.create(conf, path)))) {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      out.write(header.length() & 0xff);
      out.write(header.length() >> 8);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      byte[] buffer = new byte[8];
      for (double v : values) {
        long bits = Double.doubleToRawLongBits(v);
        for (int b = 0; b < 8; b++) {
          buffer[b] = (byte) (bits >>> (8 * b));
        }
        out.write(buffer);
      }
    }
    return path;
  }

  private void writeJson(String suffix, Map<String, Object> value) throws IOException {
    try (OutputStream out = OutputFiles.create(conf, file(suffix))) {
      out.write(JSON.writeValueAsBytes(value));
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.6f", v);
  }

  private static NiftiImageSpec spec(int[] shape, double[][] affine, NiftiDataType type) {
    double[] zooms = new double[3];
    for (int c = 0; c < 3; c++) {
      zooms[c] = Math.sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c]
          + affine[2][c] * affine[2][c]);
    }
    return new NiftiImageSpec(new long[] {shape[0], shape[1], shape[2]}, zooms, affine, type,
        new XyztUnits("mm", "unknown"), 0);
  }

  /** Names of the runs a sidecar lists (file names only: no absolute path leaves the job). */
  static List<String> runNames(CohortFeatures cohort) {
    return cohort.runs().stream().map(CohortFeatures.RunColumns::bold).toList();
  }
}
