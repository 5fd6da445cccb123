package org.sparkconnectome.atlas;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.cifti.BrainModel;
import org.sparkconnectome.formats.cifti.BrainModelAxis;
import org.sparkconnectome.formats.cifti.CiftiAxis;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.formats.cifti.Label;
import org.sparkconnectome.formats.cifti.LabelAxis;
import org.sparkconnectome.formats.cifti.LabelMap;
import org.sparkconnectome.io.DataSource;

/**
 * The labels of a CIFTI-2 dense label atlas ({@code .dlabel.nii}): its brain models (surface
 * structures with their vertices, subcortical structures with their voxels) and the region of
 * every grayordinate. A run's grayordinates are matched to the atlas by brain structure and
 * vertex or voxel index, never by position in the file: two files of the same density may list
 * their structures in another order or leave out different medial-wall vertices.
 *
 * @param models the atlas's brain models
 * @param regionOf the region (0-based position in the atlas's region list) of each atlas
 *     grayordinate, -1 for an unlabelled one
 */
public record GrayordinateLabels(BrainModelAxis models, int[] regionOf) implements Serializable {

  /** Whether the file name is a CIFTI-2 dense label file. */
  public static boolean isDenseLabelFile(String fileName) {
    return fileName.endsWith(".dlabel.nii");
  }

  /**
   * Reads a dlabel atlas: its first (only) label map, and the region table beside it, or, when
   * there is none, the file's own label table (every key but 0, which CIFTI keeps for "???").
   */
  static Atlas load(DataSource source) throws IOException {
    CiftiFile cifti = CiftiFile.open(source);
    List<CiftiAxis> axes = cifti.axes();
    if (!(axes.get(0) instanceof LabelAxis labelAxis)
        || !(axes.get(1) instanceof BrainModelAxis models)) {
      throw new FormatException(source.name(), "an atlas must be a dense label file (label "
          + "maps by grayordinates), found " + axes.get(0).kind() + " by " + axes.get(1).kind()
          + " (intent " + cifti.intent() + ")");
    }
    if (labelAxis.maps().size() != 1) {
      throw new FormatException(source.name(), "holds " + labelAxis.maps().size()
          + " label maps; an atlas needs exactly one (split it with wb_command "
          + "-cifti-merge -column)");
    }
    LabelMap map = labelAxis.maps().get(0);
    DataSource tsv = Atlas.regionTableIfAny(source);
    List<Atlas.Region> regions = tsv != null ? Atlas.readRegions(tsv) : regionsOf(map, source);
    Map<Integer, Integer> position = new HashMap<>();
    for (int r = 0; r < regions.size(); r++) {
      position.put(regions.get(r).index(), r);
    }
    float[] keys = cifti.readAll()[0];
    int[] regionOf = new int[keys.length];
    for (int g = 0; g < keys.length; g++) {
      float v = keys[g];
      if (!Float.isFinite(v) || v != Math.rint(v) || v < 0) {
        throw new FormatException(source.name(), "grayordinate " + g + " holds " + v
            + ": label keys must be non-negative integers");
      }
      Integer r = v == 0 ? null : position.get((int) v);
      regionOf[g] = r == null ? -1 : r;
    }
    String stem = Atlas.stem(source.fileName());
    return new Atlas(Atlas.nameOf(stem), source.name(), null, null, null, regions,
        tsv == null ? null : tsv.name(), new GrayordinateLabels(models, regionOf));
  }

  private static List<Atlas.Region> regionsOf(LabelMap map, DataSource source)
      throws FormatException {
    List<Atlas.Region> regions = new ArrayList<>();
    for (Label label : map.labels()) {
      if (label.key() != 0) {
        regions.add(new Atlas.Region(label.key(), label.name(), null, hemisphereOf(label.name())));
      }
    }
    if (regions.isEmpty()) {
      throw new FormatException(source.name(), "its label table has no label but key 0");
    }
    return List.copyOf(regions);
  }

  /** Schaefer and Glasser label names start with the hemisphere (LH_, 7Networks_RH_, L_). */
  private static String hemisphereOf(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    if (n.startsWith("L_") || n.startsWith("LH_") || n.contains("_LH_")) {
      return "L";
    }
    if (n.startsWith("R_") || n.startsWith("RH_") || n.contains("_RH_")) {
      return "R";
    }
    return null;
  }

  /** Number of atlas grayordinates of each region. */
  public int[] grayordinatesPerRegion(int regions) {
    int[] counts = new int[regions];
    for (int r : regionOf) {
      if (r >= 0) {
        counts[r]++;
      }
    }
    return counts;
  }

  /**
   * The region (0-based) of every grayordinate of a run's brain models, -1 where the atlas has
   * none (a structure the atlas leaves out, an unlabelled vertex).
   *
   * @throws IllegalArgumentException when a structure is on a surface of another vertex count,
   *     or in another voxel grid, than the atlas's (another density or template)
   */
  public int[] regionsOn(BrainModelAxis data) {
    int total = 0;
    for (BrainModel m : data.models()) {
      total = Math.max(total, m.offset() + m.count());
    }
    int[] out = new int[total];
    Arrays.fill(out, -1);
    for (BrainModel model : data.models()) {
      BrainModel atlasModel = atlasModel(model.structure());
      if (atlasModel == null) {
        continue;
      }
      if (model.surface() != atlasModel.surface()) {
        throw new IllegalArgumentException(model.structure() + " is a "
            + (model.surface() ? "surface" : "voxel") + " structure in the run and a "
            + (atlasModel.surface() ? "surface" : "voxel") + " one in the atlas");
      }
      if (model.surface()) {
        mapSurface(model, atlasModel, out);
      } else {
        mapVoxels(data, model, atlasModel, out);
      }
    }
    return out;
  }

  private BrainModel atlasModel(String structure) {
    for (BrainModel m : models.models()) {
      if (m.structure().equals(structure)) {
        return m;
      }
    }
    return null;
  }

  private void mapSurface(BrainModel model, BrainModel atlasModel, int[] out) {
    if (model.surfaceVertexCount() != atlasModel.surfaceVertexCount()) {
      throw new IllegalArgumentException(model.structure() + " has "
          + model.surfaceVertexCount() + " surface vertices in the run and "
          + atlasModel.surfaceVertexCount() + " in the atlas: they are at different densities "
          + "(resample one with wb_command -cifti-resample)");
    }
    int[] byVertex = new int[atlasModel.surfaceVertexCount()];
    Arrays.fill(byVertex, -1);
    int[] vertices = atlasModel.vertices();
    for (int i = 0; i < vertices.length; i++) {
      byVertex[vertices[i]] = regionOf[atlasModel.offset() + i];
    }
    int[] runVertices = model.vertices();
    for (int i = 0; i < runVertices.length; i++) {
      out[model.offset() + i] = byVertex[runVertices[i]];
    }
  }

  private void mapVoxels(BrainModelAxis data, BrainModel model, BrainModel atlasModel,
      int[] out) {
    if (!Arrays.equals(data.volumeShape(), models.volumeShape())
        || !AffineMath.close(data.volumeAffine(), models.volumeAffine(), 1e-4)) {
      throw new IllegalArgumentException(model.structure() + ": the run's voxels are on a "
          + Arrays.toString(data.volumeShape()) + " grid and the atlas's on a "
          + Arrays.toString(models.volumeShape()) + " grid (or with another transform)");
    }
    Map<Long, Integer> byVoxel = new HashMap<>();
    int[][] voxels = atlasModel.voxels();
    for (int i = 0; i < voxels.length; i++) {
      byVoxel.put(key(voxels[i]), regionOf[atlasModel.offset() + i]);
    }
    int[][] runVoxels = model.voxels();
    for (int i = 0; i < runVoxels.length; i++) {
      out[model.offset() + i] = byVoxel.getOrDefault(key(runVoxels[i]), -1);
    }
  }

  private static long key(int[] ijk) {
    return ((long) ijk[0] << 42) | ((long) ijk[1] << 21) | ijk[2];
  }

  /** Centroids in mm of each region's voxels; NaN for a region with surface vertices. */
  double[][] voxelCentroidsMm(List<Atlas.Region> regions) {
    double[][] sums = new double[regions.size()][3];
    int[] counts = new int[regions.size()];
    boolean[] onSurface = onSurface(regions.size());
    double[][] affine = models.volumeAffine();
    for (BrainModel m : models.models()) {
      if (m.surface()) {
        continue;
      }
      for (int i = 0; i < m.count(); i++) {
        int r = regionOf[m.offset() + i];
        if (r < 0) {
          continue;
        }
        int[] v = m.voxels()[i];
        for (int c = 0; c < 3; c++) {
          sums[r][c] += affine[c][0] * v[0] + affine[c][1] * v[1] + affine[c][2] * v[2]
              + affine[c][3];
        }
        counts[r]++;
      }
    }
    for (int r = 0; r < sums.length; r++) {
      for (int c = 0; c < 3; c++) {
        sums[r][c] = onSurface[r] || counts[r] == 0 ? Double.NaN : sums[r][c] / counts[r];
      }
    }
    return sums;
  }

  /** Volume in mm^3 of each region's voxels; NaN for a region with surface vertices. */
  double[] voxelVolumesMm3(List<Atlas.Region> regions) {
    double[][] a = models.volumeAffine();
    double voxel = a == null ? Double.NaN : Math.abs(
        a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
        - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]));
    boolean[] onSurface = onSurface(regions.size());
    int[] counts = grayordinatesPerRegion(regions.size());
    double[] volumes = new double[regions.size()];
    for (int r = 0; r < volumes.length; r++) {
      volumes[r] = onSurface[r] || counts[r] == 0 ? Double.NaN : counts[r] * voxel;
    }
    return volumes;
  }

  /** Whether each region has surface vertices (no volume or centroid without a mesh). */
  private boolean[] onSurface(int regions) {
    boolean[] out = new boolean[regions];
    for (BrainModel m : models.models()) {
      if (m.surface()) {
        for (int i = 0; i < m.count(); i++) {
          int r = regionOf[m.offset() + i];
          if (r >= 0) {
            out[r] = true;
          }
        }
      }
    }
    return out;
  }
}
