package org.sparkconnectome.formats.cifti;

import java.util.List;
import java.util.Map;

/** Writes the CIFTI-2 XML of the axes we write (series and parcels), as nibabel lays it out. */
final class CiftiXmlWriter {
  private final StringBuilder out = new StringBuilder();

  private CiftiXmlWriter() {
  }

  /**
   * The XML of a matrix whose axis {@code d} is {@code axes.get(d)}; one map applies to both
   * dimensions when the same axis object is given twice.
   */
  static String write(List<CiftiAxis> axes) {
    CiftiXmlWriter writer = new CiftiXmlWriter();
    writer.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CIFTI Version=\"2\">\n")
        .append(" <Matrix>\n");
    if (axes.size() == 2 && axes.get(0) == axes.get(1)) {
      writer.map("0,1", axes.get(0));
    } else {
      for (int d = 0; d < axes.size(); d++) {
        writer.map(Integer.toString(d), axes.get(d));
      }
    }
    writer.out.append(" </Matrix>\n</CIFTI>\n");
    return writer.out.toString();
  }

  private void map(String dims, CiftiAxis axis) {
    out.append("  <MatrixIndicesMap AppliesToMatrixDimension=\"").append(dims).append('"');
    if (axis instanceof SeriesAxis s) {
      out.append(" IndicesMapToDataType=\"CIFTI_INDEX_TYPE_SERIES\" NumberOfSeriesPoints=\"")
          .append(s.length()).append("\" SeriesExponent=\"0\" SeriesStart=\"")
          .append(s.start()).append("\" SeriesStep=\"").append(s.step())
          .append("\" SeriesUnit=\"").append(escape(s.unit())).append("\"/>\n");
    } else if (axis instanceof ParcelsAxis p) {
      out.append(" IndicesMapToDataType=\"CIFTI_INDEX_TYPE_PARCELS\">\n");
      parcels(p);
      out.append("  </MatrixIndicesMap>\n");
    } else {
      throw new IllegalArgumentException("writing " + axis.kind() + " axes is not supported");
    }
  }

  private void parcels(ParcelsAxis axis) {
    if (axis.volumeShape() != null) {
      int[] shape = axis.volumeShape();
      out.append("   <Volume VolumeDimensions=\"").append(shape[0]).append(',').append(shape[1])
          .append(',').append(shape[2]).append("\">\n")
          .append("    <TransformationMatrixVoxelIndicesIJKtoXYZ MeterExponent=\"-3\">");
      double[][] affine = axis.volumeAffine();
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          out.append(r + c == 0 ? "" : " ").append(affine[r][c]);
        }
      }
      out.append("</TransformationMatrixVoxelIndicesIJKtoXYZ>\n   </Volume>\n");
    }
    for (Map.Entry<String, Integer> surface : axis.surfaceVertexCounts().entrySet()) {
      out.append("   <Surface BrainStructure=\"").append(escape(surface.getKey()))
          .append("\" SurfaceNumberOfVertices=\"").append(surface.getValue()).append("\"/>\n");
    }
    for (Parcel parcel : axis.parcels()) {
      out.append("   <Parcel Name=\"").append(escape(parcel.name())).append("\">\n");
      for (Map.Entry<String, int[]> vertices : parcel.surfaceVertices().entrySet()) {
        out.append("    <Vertices BrainStructure=\"").append(escape(vertices.getKey()))
            .append("\">");
        int[] list = vertices.getValue();
        for (int i = 0; i < list.length; i++) {
          out.append(i == 0 ? "" : " ").append(list[i]);
        }
        out.append("</Vertices>\n");
      }
      if (parcel.voxels().length > 0) {
        out.append("    <VoxelIndicesIJK>");
        for (int v = 0; v < parcel.voxels().length; v++) {
          int[] ijk = parcel.voxels()[v];
          out.append(v == 0 ? "" : "\n").append(ijk[0]).append(' ').append(ijk[1]).append(' ')
              .append(ijk[2]);
        }
        out.append("</VoxelIndicesIJK>\n");
      }
      out.append("   </Parcel>\n");
    }
  }

  private static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&apos;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
