package org.sparkconnectome.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparkconnectome.formats.streamlines.StreamlineReader;
import org.sparkconnectome.formats.streamlines.TckReader;
import org.sparkconnectome.formats.streamlines.TractogramFormat;
import org.sparkconnectome.formats.streamlines.TrkHeader;
import org.sparkconnectome.formats.streamlines.TrkReader;
import org.sparkconnectome.io.DataSource;

/** Inspects .tck and .trk tractograms: counts, coordinate statistics and the first streamline. */
public final class StreamlineInspector implements FileInspector {
  private static final int LENGTHS_HEAD = 10;

  @Override
  public boolean accepts(String fileName) {
    return TractogramFormat.forFileName(fileName).isPresent();
  }

  @Override
  public Map<String, Object> inspect(DataSource source, List<long[]> probes) throws IOException {
    TractogramFormat format = TractogramFormat.forFileName(source.fileName()).orElseThrow(() ->
        new IllegalArgumentException(source.name() + " is not a .tck or .trk file"));
    Inspection result = new Inspection();
    long count = 0;
    long points = 0;
    double sum = 0;
    long nanCount = 0;
    List<double[]> first = null;
    double[] lastPoint = null;
    List<Integer> lengths = new ArrayList<>();
    try (StreamlineReader reader = format.open(source)) {
      result.headerFields = headerFields(reader);
      while (reader.next()) {
        int n = reader.pointCount();
        float[] xyz = reader.points();
        for (int i = 0; i < 3 * n; i++) {
          if (Float.isNaN(xyz[i])) {
            nanCount++;
          } else {
            sum += xyz[i];
          }
        }
        if (first == null) {
          first = new ArrayList<>();
          for (int p = 0; p < n; p++) {
            first.add(point(xyz, p));
          }
        }
        if (n > 0) {
          lastPoint = point(xyz, n - 1);
        }
        if (lengths.size() < LENGTHS_HEAD) {
          lengths.add(n);
        }
        count++;
        points += n;
      }
    }
    result.put("kind", "streamlines");
    result.put("format", format.jsonName());
    result.put("count", count);
    result.put("points", points);
    if (count > 0) {
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("sum", sum);
      stats.put("nan_count", nanCount);
      result.put("stats", stats);
      result.put("first_streamline", first);
      if (lastPoint != null) {
        result.put("last_point", lastPoint);
      }
      result.put("lengths_head", lengths);
    }
    result.put("file", source.fileName());
    return result;
  }

  private static double[] point(float[] xyz, int p) {
    return new double[] {xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]};
  }

  /** The header as "name: value" pairs for {@link #describe}, in the file's own terms. */
  private static Map<String, String> headerFields(StreamlineReader reader) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (reader instanceof TckReader tck) {
      fields.put("datatype", tck.header().dataType().headerName());
      fields.put("data offset", Long.toString(tck.header().dataOffset()));
      tck.header().fields().forEach((key, value) -> {
        if (!key.equals("datatype")) {
          fields.put(key, value);
        }
      });
    } else if (reader instanceof TrkReader trk) {
      TrkHeader h = trk.header();
      fields.put("version", Integer.toString(h.version()));
      fields.put("byte order", h.byteOrder().toString().toLowerCase(Locale.ROOT));
      fields.put("dim", Arrays.toString(h.dimensions()));
      fields.put("voxel_sizes", Arrays.toString(h.voxelSizes()));
      fields.put("voxel_order", h.voxelOrder());
      StringBuilder affine = new StringBuilder();
      for (double[] row : h.voxelToRas()) {
        affine.append(affine.length() == 0 ? "" : "\n").append(Arrays.toString(row));
      }
      fields.put("vox_to_ras", affine.toString());
      fields.put("n_scalars", h.scalarsPerPoint() + " " + h.scalarNames());
      fields.put("n_properties", h.propertiesPerStreamline() + " " + h.propertyNames());
      fields.put("n_count", h.streamlineCount() == 0 ? "0 (unknown)"
          : Long.toString(h.streamlineCount()));
    }
    return fields;
  }

  @Override
  public String describe(Map<String, Object> inspection) {
    StringBuilder out = new StringBuilder();
    line(out, "file", inspection.get("file"));
    String format = String.valueOf(inspection.get("format"));
    line(out, "format", format.equals("trk") ? "TrackVis (.trk)" : "MRtrix tracks (.tck)");
    line(out, "streamlines", inspection.get("count"));
    line(out, "points", inspection.get("points"));
    if (inspection.get("stats") instanceof Map<?, ?> stats) {
      line(out, "coordinate sum", stats.get("sum"));
      line(out, "NaN values", stats.get("nan_count"));
    }
    if (inspection.get("last_point") instanceof double[] last) {
      line(out, "last point", Arrays.toString(last));
    }
    if (inspection instanceof Inspection withHeader && !withHeader.headerFields.isEmpty()) {
      out.append("header:\n");
      withHeader.headerFields.forEach((key, value) -> line(out, "  " + key,
          value.replace("\n", "\n" + " ".repeat(18))));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(String.format(Locale.ROOT, "%-16s  %s%n", key + ":", value));
  }

  /**
   * The inspection map, which also keeps the header fields for {@link #describe}; Jackson writes
   * only the map entries, so the JSON contract is untouched.
   */
  private static final class Inspection extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private transient Map<String, String> headerFields = Map.of();
  }
}
