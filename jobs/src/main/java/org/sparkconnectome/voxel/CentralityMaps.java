package org.sparkconnectome.voxel;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;
import org.sparkconnectome.io.OutputFiles;

/**
 * Writes a run's centrality maps as float32 NIfTI on the BOLD grid (its affine, zeros outside
 * the mask): {@code sub-X[/ses-Y]/func/<run entities without desc>_stat-<name>_boldmap.nii.gz}
 * with name {@code degreecentrality} (binary), {@code weighteddegreecentrality},
 * {@code eigenvectorcentrality} (binary) and {@code weightedeigenvectorcentrality}.
 */
public final class CentralityMaps {
  public static final String DEGREE = "degreecentrality";
  public static final String WEIGHTED_DEGREE = "weighteddegreecentrality";
  public static final String EIGENVECTOR = "eigenvectorcentrality";
  public static final String WEIGHTED_EIGENVECTOR = "weightedeigenvectorcentrality";

  private CentralityMaps() {
  }

  /** Relative path of one map of a run with these entities. */
  public static String path(Map<String, String> entities, String statistic) {
    String ses = entities.get("ses");
    StringBuilder b = new StringBuilder("sub-").append(entities.get("sub"))
        .append(ses == null ? "" : "/ses-" + ses).append("/func/");
    entities.forEach((k, v) -> {
      if (!k.equals("desc")) {
        b.append(k).append('-').append(v).append('_');
      }
    });
    return b.append("stat-").append(statistic).append("_boldmap.nii.gz").toString();
  }

  /** Writes the four maps; the relative paths written, in the order above. */
  public static List<String> write(Configuration conf, String outRoot,
      Map<String, String> entities, NiftiHeader bold, VoxelMask mask, VoxelGraph graph,
      EigenvectorCentrality.Result eigen) throws IOException {
    Map<String, double[]> maps = new LinkedHashMap<>();
    int[] degree = graph.degree();
    double[] binaryDegree = new double[degree.length];
    for (int i = 0; i < degree.length; i++) {
      binaryDegree[i] = degree[i];
    }
    maps.put(DEGREE, binaryDegree);
    maps.put(WEIGHTED_DEGREE, graph.strength());
    maps.put(EIGENVECTOR, eigen.binary());
    maps.put(WEIGHTED_EIGENVECTOR, eigen.weighted());
    int[] shape = mask.shape();
    double[] pixdim = bold.pixdim();
    NiftiImageSpec spec = new NiftiImageSpec(new long[] {shape[0], shape[1], shape[2]},
        new double[] {pixdim[0], pixdim[1], pixdim[2]}, bold.affine(), NiftiDataType.FLOAT32,
        new XyztUnits(bold.units().spatial(), "unknown"), 0);
    List<String> written = new ArrayList<>();
    int[] voxels = mask.voxels();
    for (Map.Entry<String, double[]> m : maps.entrySet()) {
      float[] volume = new float[mask.gridVoxels()];
      double[] values = m.getValue();
      for (int i = 0; i < voxels.length; i++) {
        volume[voxels[i]] = (float) values[i];
      }
      String relative = path(entities, m.getKey());
      try (OutputStream out = OutputFiles.create(conf, OutputFiles.resolve(outRoot, relative));
          NiftiWriter writer = NiftiWriter.create(out, true, spec)) {
        writer.writeVolume(volume);
      }
      written.add(relative);
    }
    return written;
  }
}
