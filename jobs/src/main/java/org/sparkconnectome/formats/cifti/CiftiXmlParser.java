package org.sparkconnectome.formats.cifti;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.sparkconnectome.formats.FormatException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses and validates the CIFTI-2 XML of a file's code-32 extension into its axes: every fault
 * (malformed XML, a missing attribute, an index outside its surface or volume, axes that do not
 * match the matrix) becomes a {@link FormatException} naming the element and the values.
 *
 * <p>The JDK's DOM parser is used with DOCTYPEs refused and external entities off: the XML comes
 * from user files and must not make the reader fetch anything.
 */
final class CiftiXmlParser {
  private static final Set<String> SERIES_UNITS = Set.of("SECOND", "HERTZ", "METER", "RADIAN");

  private final String file;

  private CiftiXmlParser(String file) {
    this.file = file;
  }

  /**
   * The axes in matrix order.
   *
   * @param dims the matrix's dimensions (NIfTI {@code dim[5]}, {@code dim[6]})
   */
  static List<CiftiAxis> parse(String file, byte[] xml, long[] dims) throws FormatException {
    return new CiftiXmlParser(file).axes(document(file, xml), dims);
  }

  private static Document document(String file, byte[] xml) throws FormatException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      throw new FormatException(file, "CIFTI XML is not well-formed (line " + e.getLineNumber()
          + ", column " + e.getColumnNumber() + "): " + e.getMessage(), e);
    } catch (SAXException | IOException e) {
      throw new FormatException(file, "CIFTI XML cannot be parsed: " + e.getMessage(), e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    }
  }

  private List<CiftiAxis> axes(Document doc, long[] dims) throws FormatException {
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("CIFTI")) {
      throw fault("the XML's root element is <" + root.getTagName() + ">, expected <CIFTI>");
    }
    String version = root.getAttribute("Version");
    if (!version.equals("2") && !version.startsWith("2.")) {
      throw fault("CIFTI Version '" + version + "' is not 2 (only CIFTI-2 is read)");
    }
    List<Element> matrices = children(root, "Matrix");
    if (matrices.size() != 1) {
      throw fault("<CIFTI> has " + matrices.size() + " <Matrix> elements, expected 1");
    }
    CiftiAxis[] axes = new CiftiAxis[dims.length];
    for (Element map : children(matrices.get(0), "MatrixIndicesMap")) {
      String applies = map.getAttribute("AppliesToMatrixDimension");
      List<Integer> which = new ArrayList<>();
      for (String part : applies.split(",")) {
        int dim = parseInt(part.trim(), "MatrixIndicesMap AppliesToMatrixDimension");
        if (dim < 0 || dim >= dims.length) {
          throw fault("MatrixIndicesMap AppliesToMatrixDimension " + dim
              + " is not a dimension of this " + dims.length + "-dimensional matrix");
        }
        if (axes[dim] != null || which.contains(dim)) {
          throw fault("two MatrixIndicesMaps apply to matrix dimension " + dim);
        }
        which.add(dim);
      }
      CiftiAxis axis = axis(map);
      for (int dim : which) {
        if (axis.length() != dims[dim]) {
          throw fault("the " + axis.kind() + " axis of dimension " + dim + " has " + axis.length()
              + " entries but the matrix has " + dims[dim] + " along it (NIfTI dim["
              + (dim + 5) + "])");
        }
        axes[dim] = axis;
      }
    }
    for (int dim = 0; dim < axes.length; dim++) {
      if (axes[dim] == null) {
        throw fault("no MatrixIndicesMap applies to matrix dimension " + dim);
      }
    }
    return List.of(axes);
  }

  private CiftiAxis axis(Element map) throws FormatException {
    String type = map.getAttribute("IndicesMapToDataType");
    return switch (type) {
      case "CIFTI_INDEX_TYPE_SERIES" -> series(map);
      case "CIFTI_INDEX_TYPE_BRAIN_MODELS" -> brainModels(map);
      case "CIFTI_INDEX_TYPE_LABELS" -> new LabelAxis(labelMaps(map));
      case "CIFTI_INDEX_TYPE_SCALARS" -> scalars(map);
      case "CIFTI_INDEX_TYPE_PARCELS" -> parcels(map);
      default -> throw fault("unknown IndicesMapToDataType '" + type + "'");
    };
  }

  private SeriesAxis series(Element map) throws FormatException {
    int points = parseInt(required(map, "NumberOfSeriesPoints"), "NumberOfSeriesPoints");
    if (points < 0) {
      throw fault("NumberOfSeriesPoints " + points + " is negative");
    }
    int exponent = parseInt(required(map, "SeriesExponent"), "SeriesExponent");
    double scale = Math.pow(10, exponent);
    double start = parseDouble(required(map, "SeriesStart"), "SeriesStart") * scale;
    double step = parseDouble(required(map, "SeriesStep"), "SeriesStep") * scale;
    String unit = required(map, "SeriesUnit");
    if (!(step > 0) || !Double.isFinite(step)) {
      throw fault("SeriesStep " + map.getAttribute("SeriesStep")
          + " is not positive: a series needs its sampling step (the TR of a time series)");
    }
    if (!Double.isFinite(start)) {
      throw fault("SeriesStart " + map.getAttribute("SeriesStart") + " is not finite");
    }
    if (!SERIES_UNITS.contains(unit)) {
      throw fault("SeriesUnit '" + unit + "' is not one of " + SERIES_UNITS);
    }
    return new SeriesAxis(points, start, step, unit);
  }

  private BrainModelAxis brainModels(Element map) throws FormatException {
    Volume volume = volume(map);
    List<BrainModel> models = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int next = 0;
    for (Element bm : children(map, "BrainModel")) {
      String structure = required(bm, "BrainStructure");
      String what = "BrainModel " + structure;
      int offset = parseInt(required(bm, "IndexOffset"), what + " IndexOffset");
      int count = parseInt(required(bm, "IndexCount"), what + " IndexCount");
      if (offset != next || count < 0) {
        throw fault(what + " has IndexOffset " + offset + " and IndexCount " + count
            + ", but the brain models before it end at " + next
            + ": brain models must tile the axis in order");
      }
      if (!seen.add(structure)) {
        throw fault(what + " appears twice on one axis");
      }
      String type = required(bm, "ModelType");
      if (type.equals("CIFTI_MODEL_TYPE_SURFACE")) {
        int vertexCount = parseInt(required(bm, "SurfaceNumberOfVertices"),
            what + " SurfaceNumberOfVertices");
        int[] vertices = ints(child(bm, "VertexIndices", what), what + " VertexIndices");
        if (vertices.length != count) {
          throw fault(what + " lists " + vertices.length + " VertexIndices for IndexCount "
              + count);
        }
        checkVertices(vertices, vertexCount, what);
        models.add(new BrainModel(structure, true, offset, count, vertexCount, vertices, null));
      } else if (type.equals("CIFTI_MODEL_TYPE_VOXELS")) {
        if (volume == null) {
          throw fault(what + " has voxels but the axis has no <Volume>");
        }
        int[][] voxels = voxels(child(bm, "VoxelIndicesIJK", what), volume, what);
        if (voxels.length != count) {
          throw fault(what + " lists " + voxels.length + " voxels for IndexCount " + count);
        }
        models.add(new BrainModel(structure, false, offset, count, 0, null, voxels));
      } else {
        throw fault(what + " has unknown ModelType '" + type + "'");
      }
      next = offset + count;
    }
    boolean anyVoxels = models.stream().anyMatch(m -> !m.surface());
    return new BrainModelAxis(models, anyVoxels ? volume.shape() : null,
        anyVoxels ? volume.affine() : null);
  }

  private List<LabelMap> labelMaps(Element map) throws FormatException {
    List<LabelMap> maps = new ArrayList<>();
    for (Element named : children(map, "NamedMap")) {
      String name = mapName(named);
      String what = "label map '" + name + "'";
      List<Label> labels = new ArrayList<>();
      Set<Integer> keys = new HashSet<>();
      for (Element label : children(child(named, "LabelTable", what), "Label")) {
        int key = parseInt(required(label, "Key"), what + " Label Key");
        if (!keys.add(key)) {
          throw fault(what + " has label key " + key + " twice");
        }
        float[] rgba = new float[4];
        String[] channels = {"Red", "Green", "Blue", "Alpha"};
        for (int c = 0; c < 4; c++) {
          String value = label.getAttribute(channels[c]);
          rgba[c] = value.isEmpty() ? 0f
              : (float) parseDouble(value, what + " Label " + key + " " + channels[c]);
        }
        labels.add(new Label(key, label.getTextContent().trim(), rgba));
      }
      maps.add(new LabelMap(name, labels));
    }
    return maps;
  }

  private ScalarAxis scalars(Element map) throws FormatException {
    List<String> names = new ArrayList<>();
    for (Element named : children(map, "NamedMap")) {
      names.add(mapName(named));
    }
    return new ScalarAxis(names);
  }

  private String mapName(Element named) throws FormatException {
    return child(named, "MapName", "NamedMap").getTextContent().trim();
  }

  private ParcelsAxis parcels(Element map) throws FormatException {
    Volume volume = volume(map);
    Map<String, Integer> surfaces = new LinkedHashMap<>();
    for (Element surface : children(map, "Surface")) {
      String structure = required(surface, "BrainStructure");
      surfaces.put(structure, parseInt(required(surface, "SurfaceNumberOfVertices"),
          "Surface " + structure + " SurfaceNumberOfVertices"));
    }
    List<Parcel> parcels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Element parcel : children(map, "Parcel")) {
      String name = required(parcel, "Name");
      String what = "Parcel '" + name + "'";
      if (!names.add(name)) {
        throw fault(what + " appears twice");
      }
      Map<String, int[]> vertices = new LinkedHashMap<>();
      for (Element list : children(parcel, "Vertices")) {
        String structure = required(list, "BrainStructure");
        Integer count = surfaces.get(structure);
        if (count == null) {
          throw fault(what + " has vertices on " + structure
              + ", which no <Surface> of the axis declares");
        }
        if (vertices.containsKey(structure)) {
          throw fault(what + " lists vertices of " + structure + " twice");
        }
        int[] indices = ints(list, what + " Vertices");
        checkVertices(indices, count, what + " on " + structure);
        vertices.put(structure, indices);
      }
      List<Element> voxelLists = children(parcel, "VoxelIndicesIJK");
      int[][] voxels = new int[0][];
      if (!voxelLists.isEmpty()) {
        if (volume == null) {
          throw fault(what + " has voxels but the axis has no <Volume>");
        }
        voxels = voxels(voxelLists.get(0), volume, what);
      }
      parcels.add(new Parcel(name, vertices, voxels));
    }
    return new ParcelsAxis(parcels, surfaces, volume == null ? null : volume.shape(),
        volume == null ? null : volume.affine());
  }

  /** The {@code <Volume>} of a map: its dimensions and the IJK-to-mm transform. */
  private record Volume(int[] shape, double[][] affine) {
  }

  private Volume volume(Element map) throws FormatException {
    List<Element> volumes = children(map, "Volume");
    if (volumes.isEmpty()) {
      return null;
    }
    Element volume = volumes.get(0);
    int[] shape = ints(required(volume, "VolumeDimensions").replace(',', ' '),
        "Volume VolumeDimensions");
    if (shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] <= 0) {
      throw fault("Volume VolumeDimensions '" + volume.getAttribute("VolumeDimensions")
          + "' are not three positive sizes");
    }
    Element transform = child(volume, "TransformationMatrixVoxelIndicesIJKtoXYZ", "Volume");
    int exponent = parseInt(required(transform, "MeterExponent"), "MeterExponent");
    double[] values = doubles(transform.getTextContent(),
        "TransformationMatrixVoxelIndicesIJKtoXYZ");
    if (values.length != 16) {
      throw fault("TransformationMatrixVoxelIndicesIJKtoXYZ has " + values.length
          + " numbers, expected 16");
    }
    // Millimetres are what every other affine of ours is in; -3 (mm) leaves the values as is.
    double toMm = Math.pow(10, exponent + 3);
    double[][] affine = new double[4][4];
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 4; c++) {
        affine[r][c] = values[4 * r + c] * (r < 3 ? toMm : 1);
      }
    }
    return new Volume(shape, affine);
  }

  private void checkVertices(int[] vertices, int vertexCount, String what)
      throws FormatException {
    if (vertexCount <= 0) {
      throw fault(what + " has SurfaceNumberOfVertices " + vertexCount);
    }
    for (int v : vertices) {
      if (v < 0 || v >= vertexCount) {
        throw fault(what + " has vertex index " + v + ", outside its surface of "
            + vertexCount + " vertices (SurfaceNumberOfVertices)");
      }
    }
  }

  private int[][] voxels(Element list, Volume volume, String what) throws FormatException {
    int[] flat = ints(list, what + " VoxelIndicesIJK");
    if (flat.length % 3 != 0) {
      throw fault(what + " VoxelIndicesIJK holds " + flat.length
          + " numbers, not a multiple of 3");
    }
    int[][] voxels = new int[flat.length / 3][];
    int[] shape = volume.shape();
    for (int v = 0; v < voxels.length; v++) {
      int[] ijk = Arrays.copyOfRange(flat, 3 * v, 3 * v + 3);
      for (int a = 0; a < 3; a++) {
        if (ijk[a] < 0 || ijk[a] >= shape[a]) {
          throw fault(what + " has voxel " + Arrays.toString(ijk)
              + ", outside the volume's VolumeDimensions " + Arrays.toString(shape));
        }
      }
      voxels[v] = ijk;
    }
    return voxels;
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e);
      }
    }
    return out;
  }

  private Element child(Element parent, String tag, String what) throws FormatException {
    List<Element> found = children(parent, tag);
    if (found.isEmpty()) {
      throw fault(what + " has no <" + tag + ">");
    }
    return found.get(0);
  }

  private String required(Element element, String attribute) throws FormatException {
    if (!element.hasAttribute(attribute)) {
      throw fault("<" + element.getTagName() + "> lacks the attribute " + attribute);
    }
    return element.getAttribute(attribute).trim();
  }

  private int[] ints(Element element, String what) throws FormatException {
    return ints(element.getTextContent(), what);
  }

  /** Whitespace-separated integers; hand-rolled because a 91k-vertex list is one string. */
  private int[] ints(String text, String what) throws FormatException {
    int[] out = new int[16];
    int n = 0;
    int length = text.length();
    int i = 0;
    while (i < length) {
      while (i < length && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i == length) {
        break;
      }
      int start = i;
      while (i < length && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      out[n++] = parseInt(text.substring(start, i), what);
    }
    return Arrays.copyOf(out, n);
  }

  private double[] doubles(String text, String what) throws FormatException {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return new double[0];
    }
    String[] parts = trimmed.split("\\s+");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = parseDouble(parts[i], what);
    }
    return out;
  }

  private int parseInt(String text, String what) throws FormatException {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw fault(what + " '" + text + "' is not an integer");
    }
  }

  private double parseDouble(String text, String what) throws FormatException {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw fault(what + " '" + text + "' is not a number");
    }
  }

  private FormatException fault(String message) {
    return new FormatException(file, message);
  }
}
