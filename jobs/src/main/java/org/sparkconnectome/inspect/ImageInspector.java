package org.sparkconnectome.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * {@code inspect} for NIfTI-1/2 and Analyze images: header fields, affine, statistics over the
 * scaled values and probed voxels, read in one streaming pass.
 *
 * <p>A probe {@code i,j,k[,t]} addresses the first axes; axes it leaves out are taken at index
 * 0, and an index beyond the image (or a fourth index on a 3D image other than 0) is refused.
 */
public final class ImageInspector implements FileInspector {

  @Override
  public boolean accepts(String fileName) {
    return NiftiImage.hasImageExtension(fileName);
  }

  @Override
  public Map<String, Object> inspect(DataSource source, List<long[]> probes) throws IOException {
    NiftiImage image = NiftiImage.open(source);
    NiftiHeader h = image.header();
    long[] flat = new long[probes.size()];
    for (int p = 0; p < probes.size(); p++) {
      flat[p] = flatIndex(probes.get(p), h.shape());
    }
    Integer[] order = new Integer[flat.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong(i -> flat[i]));
    double[] probeValues = new double[flat.length];
    ValueStatistics stats = new ValueStatistics();
    int[] nextProbe = {0};
    image.scan((first, values, count) -> {
      stats.add(values, count);
      while (nextProbe[0] < order.length && flat[order[nextProbe[0]]] < first + count) {
        int p = order[nextProbe[0]++];
        probeValues[p] = values[(int) (flat[p] - first)];
      }
    });

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "image");
    out.put("format", h.format().label());
    out.put("shape", Arrays.stream(h.shape()).boxed().collect(Collectors.toList()));
    out.put("datatype", h.dataType().numpyName(h.byteOrder()));
    out.put("pixdim", Arrays.stream(h.pixdim()).boxed().collect(Collectors.toList()));
    List<List<Double>> affine = new ArrayList<>();
    for (double[] row : h.affine()) {
      affine.add(Arrays.stream(row).boxed().collect(Collectors.toList()));
    }
    out.put("affine", affine);
    out.put("qform_code", h.qformCode());
    out.put("sform_code", h.sformCode());
    // nibabel moves the scaling into the data proxy on load and reports the header's fields as
    // NaN; the contract follows nibabel, and data_scaling (below) says what was applied.
    out.put("scl_slope", null);
    out.put("scl_inter", null);
    out.put("xyzt_units", List.of(h.units().spatial(), h.units().temporal()));
    out.put("intent_code", h.intentCode());
    out.put("stats", stats.toMap());
    List<Map<String, Object>> probeList = new ArrayList<>();
    for (int p = 0; p < probes.size(); p++) {
      Map<String, Object> probe = new LinkedHashMap<>();
      probe.put("index", Arrays.stream(probes.get(p)).boxed().collect(Collectors.toList()));
      probe.put("value", probeValues[p]);
      probeList.add(probe);
    }
    out.put("probes", probeList);
    if (h.scaled()) {
      Map<String, Object> scaling = new LinkedHashMap<>();
      scaling.put("slope", h.sclSlope());
      scaling.put("inter", h.sclInter());
      out.put("data_scaling", scaling);
    }
    if (!h.warnings().isEmpty()) {
      out.put("warnings", h.warnings());
    }
    out.put("file", source.fileName());
    return out;
  }

  /** Flat Fortran-order index of a probe, refusing probes outside the image. */
  static long flatIndex(long[] probe, long[] shape) {
    long index = 0;
    long stride = 1;
    int axes = Math.max(probe.length, shape.length);
    for (int axis = 0; axis < axes; axis++) {
      long size = axis < shape.length ? shape[axis] : 1;
      long at = axis < probe.length ? probe[axis] : 0;
      if (at < 0 || at >= size) {
        throw new UserException("--probe " + Arrays.stream(probe).mapToObj(Long::toString)
            .collect(Collectors.joining(",")) + ": outside the image shape "
            + Arrays.toString(shape).replace(" ", ""));
      }
      index += at * stride;
      stride *= size;
    }
    return index;
  }

  @Override
  public String describe(Map<String, Object> inspection) {
    StringBuilder out = new StringBuilder();
    line(out, "format", inspection.get("format"));
    line(out, "shape", inspection.get("shape"));
    line(out, "datatype", inspection.get("datatype"));
    line(out, "pixdim", inspection.get("pixdim"));
    Object affine = inspection.get("affine");
    if (affine instanceof List<?> rows) {
      for (int r = 0; r < rows.size(); r++) {
        line(out, r == 0 ? "affine" : "", rows.get(r));
      }
    }
    line(out, "qform_code", inspection.get("qform_code"));
    line(out, "sform_code", inspection.get("sform_code"));
    Object scaling = inspection.get("data_scaling");
    line(out, "scaling", scaling instanceof Map<?, ?> m
        ? "slope " + m.get("slope") + ", intercept " + m.get("inter") : "none");
    line(out, "xyzt_units", inspection.get("xyzt_units"));
    line(out, "intent_code", inspection.get("intent_code"));
    line(out, "stats", inspection.get("stats"));
    Object probes = inspection.get("probes");
    if (probes instanceof List<?> list) {
      for (Object probe : list) {
        if (probe instanceof Map<?, ?> p) {
          line(out, "probe", p.get("index") + " = " + p.get("value"));
        }
      }
    }
    Object warnings = inspection.get("warnings");
    if (warnings instanceof List<?> list) {
      for (Object warning : list) {
        line(out, "warning", warning);
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(String.format("%-12s %s%n", key, value));
  }
}
