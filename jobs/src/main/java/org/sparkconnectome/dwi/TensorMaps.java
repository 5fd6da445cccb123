package org.sparkconnectome.dwi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.atlas.VoxelGrid;
import org.sparkconnectome.formats.nifti.NiftiDataType;
import org.sparkconnectome.formats.nifti.NiftiImageSpec;
import org.sparkconnectome.formats.nifti.NiftiWriter;
import org.sparkconnectome.formats.nifti.XyztUnits;

/**
 * The tensor fit of one DWI series: scalar maps, the principal direction and the tensor itself
 * (both in world RAS+ axes, ready for tracking), all zero outside the fitted mask.
 *
 * @param grid the DWI's voxel grid
 * @param mask the voxels that were fitted
 * @param fa fractional anisotropy per voxel
 * @param md mean diffusivity (mm^2/s)
 * @param ad axial diffusivity
 * @param rd radial diffusivity
 * @param v1 principal eigenvector per voxel in world axes, {@code v1[3*v .. 3*v+2]}
 * @param tensor world-frame tensor {@code xx, xy, yy, xz, yz, zz} per voxel at {@code 6*v}
 */
public record TensorMaps(VoxelGrid grid, boolean[] mask, float[] fa, float[] md, float[] ad,
    float[] rd, float[] v1, float[] tensor) {

  /** File name suffixes of the written maps, BIDS-derivative style. */
  public static final String[] PARAMETERS = {"fa", "md", "ad", "rd", "v1"};

  /** Number of fitted voxels. */
  public int maskedVoxels() {
    int n = 0;
    for (boolean m : mask) {
      n += m ? 1 : 0;
    }
    return n;
  }

  /**
   * Writes {@code <prefix>_model-tensor_param-<fa|md|ad|rd|v1>_dwimap.nii.gz} into
   * {@code folder} (float32; v1 is 4D with three volumes x, y, z in world axes).
   *
   * @return the written files by parameter name
   */
  public Map<String, Path> write(Path folder, String prefix) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    float[][] scalars = {fa, md, ad, rd};
    for (int p = 0; p < scalars.length; p++) {
      Path file = folder.resolve(fileName(prefix, PARAMETERS[p]));
      try (NiftiWriter w = NiftiWriter.create(file, spec(1))) {
        w.writeVolume(scalars[p]);
      }
      files.put(PARAMETERS[p], file);
    }
    Path file = folder.resolve(fileName(prefix, "v1"));
    int n = grid.voxelCount();
    float[] component = new float[n];
    try (NiftiWriter w = NiftiWriter.create(file, spec(3))) {
      for (int axis = 0; axis < 3; axis++) {
        for (int v = 0; v < n; v++) {
          component[v] = v1[3 * v + axis];
        }
        w.writeVolume(component);
      }
    }
    files.put("v1", file);
    return files;
  }

  /** The file name of one written map. */
  public static String fileName(String prefix, String parameter) {
    return prefix + "_model-tensor_param-" + parameter + "_dwimap.nii.gz";
  }

  private NiftiImageSpec spec(int volumes) {
    int[] s = grid.shape();
    long[] shape = volumes == 1 ? new long[] {s[0], s[1], s[2]}
        : new long[] {s[0], s[1], s[2], volumes};
    return new NiftiImageSpec(shape, grid.spacing(), grid.affine(), NiftiDataType.FLOAT32,
        new XyztUnits("mm", "unknown"), 1);
  }
}
