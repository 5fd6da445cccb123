package org.sparkconnectome.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.formats.cifti.BrainModel;
import org.sparkconnectome.formats.cifti.BrainModelAxis;
import org.sparkconnectome.formats.cifti.CiftiAxis;
import org.sparkconnectome.formats.cifti.CiftiFile;
import org.sparkconnectome.formats.cifti.Label;
import org.sparkconnectome.formats.cifti.LabelAxis;
import org.sparkconnectome.formats.cifti.LabelMap;
import org.sparkconnectome.formats.cifti.Parcel;
import org.sparkconnectome.formats.cifti.ParcelsAxis;
import org.sparkconnectome.formats.cifti.ScalarAxis;
import org.sparkconnectome.formats.cifti.SeriesAxis;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.io.DataSource;

/**
 * {@code inspect} for CIFTI-2 files ({@code *.dtseries.nii}, {@code *.dlabel.nii}, ...): intent,
 * axes with their details, brain structures and value statistics, read in one streaming pass.
 */
public final class CiftiInspector implements FileInspector {

  @Override
  public boolean accepts(String fileName) {
    return CiftiFile.hasCiftiExtension(fileName);
  }

  @Override
  public Map<String, Object> inspect(DataSource source, List<long[]> probes) throws IOException {
    if (!probes.isEmpty()) {
      throw new UserException("--probe addresses voxels of images; a CIFTI file has none");
    }
    CiftiFile cifti = CiftiFile.open(source);
    NiftiHeader h = cifti.header();
    ValueStatistics stats = new ValueStatistics();
    cifti.scan((first, values, count) -> stats.add(values, count));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", "cifti");
    out.put("intent", cifti.intent());
    out.put("intent_code", h.intentCode());
    out.put("shape", List.of(cifti.rows(), cifti.columns()));
    out.put("datatype", h.dataType().numpyName(h.byteOrder()));
    List<Map<String, Object>> axes = new ArrayList<>();
    for (CiftiAxis axis : cifti.axes()) {
      axes.add(describeAxis(axis));
    }
    out.put("axes", axes);
    out.put("brain_structures", structures(cifti.axes()));
    out.put("stats", stats.toMap());
    if (!h.warnings().isEmpty()) {
      out.put("warnings", h.warnings());
    }
    out.put("file", source.fileName());
    return out;
  }

  private static Map<String, Object> describeAxis(CiftiAxis axis) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", axis.kind());
    out.put("length", axis.length());
    if (axis instanceof SeriesAxis s) {
      out.put("start", s.start());
      out.put("step", s.step());
      out.put("unit", s.unit());
    } else if (axis instanceof BrainModelAxis b) {
      if (b.volumeShape() != null) {
        out.put("volume_shape", Arrays.stream(b.volumeShape()).boxed().toList());
      }
    } else if (axis instanceof LabelAxis l) {
      out.put("maps", labelMaps(l));
    } else if (axis instanceof ScalarAxis s) {
      out.put("names", s.names());
    } else if (axis instanceof ParcelsAxis p) {
      out.put("names", p.parcels().stream().map(Parcel::name).toList());
      out.put("surface_vertex_counts", p.surfaceVertexCounts());
      if (p.volumeShape() != null) {
        out.put("volume_shape", Arrays.stream(p.volumeShape()).boxed().toList());
      }
    }
    return out;
  }

  private static List<Map<String, Object>> labelMaps(LabelAxis axis) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (LabelMap map : axis.maps()) {
      List<Map<String, Object>> labels = new ArrayList<>();
      for (Label label : map.labels()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("key", label.key());
        entry.put("name", label.name());
        labels.add(entry);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", map.name());
      m.put("labels", labels);
      maps.add(m);
    }
    return maps;
  }

  /** The structures of the first brain-models axis, with their grayordinate counts. */
  private static List<Map<String, Object>> structures(List<CiftiAxis> axes) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CiftiAxis axis : axes) {
      if (axis instanceof BrainModelAxis b) {
        for (BrainModel model : b.models()) {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("name", model.structure());
          entry.put("count", model.count());
          out.add(entry);
        }
        break;
      }
    }
    return out;
  }

  @Override
  public String describe(Map<String, Object> inspection) {
    StringBuilder out = new StringBuilder();
    line(out, "Name:", inspection.get("file"));
    line(out, "Type:", "CIFTI - " + inspection.get("intent"));
    Object shape = inspection.get("shape");
    line(out, "Matrix:", shape + " (axis 0 x axis 1, as nibabel indexes it)");
    line(out, "Data type:", inspection.get("datatype"));
    if (inspection.get("axes") instanceof List<?> axes) {
      for (int d = 0; d < axes.size(); d++) {
        if (axes.get(d) instanceof Map<?, ?> axis) {
          describeAxis(out, d, axis);
        }
      }
    }
    if (inspection.get("brain_structures") instanceof List<?> structures) {
      for (Object s : structures) {
        if (s instanceof Map<?, ?> m) {
          line(out, "    " + m.get("name") + ":", m.get("count") + " grayordinates");
        }
      }
    }
    line(out, "Stats:", inspection.get("stats"));
    if (inspection.get("warnings") instanceof List<?> warnings) {
      for (Object warning : warnings) {
        line(out, "Warning:", warning);
      }
    }
    return out.toString();
  }

  private static void describeAxis(StringBuilder out, int dim, Map<?, ?> axis) {
    line(out, "Axis " + dim + ":", axis.get("kind") + ", " + axis.get("length") + " entries");
    switch (String.valueOf(axis.get("kind"))) {
      case "series" -> {
        line(out, "    Start:", axis.get("start"));
        line(out, "    Step:", axis.get("step"));
        line(out, "    Units:", axis.get("unit"));
      }
      case "labels" -> {
        if (axis.get("maps") instanceof List<?> maps) {
          for (Object map : maps) {
            if (map instanceof Map<?, ?> m && m.get("labels") instanceof List<?> labels) {
              line(out, "    Map:", m.get("name") + " (" + labels.size() + " labels)");
              for (Object label : labels) {
                if (label instanceof Map<?, ?> l) {
                  line(out, "        " + l.get("key"), l.get("name"));
                }
              }
            }
          }
        }
      }
      case "scalars" -> line(out, "    Maps:", axis.get("names"));
      case "parcels" -> {
        line(out, "    Parcels:", axis.get("names"));
        line(out, "    Surfaces:", axis.get("surface_vertex_counts"));
      }
      default -> {
        if (axis.get("volume_shape") != null) {
          line(out, "    Volume dims:", axis.get("volume_shape"));
        }
      }
    }
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(String.format("%-26s %s%n", key, value));
  }
}
