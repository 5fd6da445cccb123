package org.sparkconnectome.atlas;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.MemoryBudget;
import org.sparkconnectome.formats.TsvTable;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * A parcellation: a 3D label image, or a CIFTI-2 dense label file ({@code .dlabel.nii}) over
 * grayordinates, and its table of regions ({@code index}, {@code name} or {@code label},
 * optional {@code network} or {@code network_label}, and {@code hemisphere}), as BIDS,
 * TemplateFlow and XCP-D keep atlases. Loaded once on the driver and broadcast; small (a few MB
 * even at 1 mm).
 *
 * <p>A grayordinate atlas has no label image: {@code shape}, {@code affine} and {@code labels}
 * are null and {@code grayordinates} holds its labels by brain structure; volume stages use
 * {@link #isVolume()} atlases only.
 *
 * @param name the atlas's label in output file names ({@code atlas-<name>}): as loaded, the
 *     {@code atlas-} entity of the file name, else the file name's stem; {@link AtlasLabels}
 *     settles it for a pass
 * @param file the label image as given (path or URI)
 * @param labels one label per voxel, x fastest
 * @param table the region table as found beside the image, or null when built in memory (or,
 *     for a dlabel atlas, taken from the file's own label table)
 * @param grayordinates the labels of a dlabel atlas, null for a volume atlas
 */
public record Atlas(String name, String file, int[] shape, double[][] affine, int[] labels,
    List<Region> regions, String table, GrayordinateLabels grayordinates)
    implements Serializable {

  /** A volume atlas. */
  public Atlas(String name, String file, int[] shape, double[][] affine, int[] labels,
      List<Region> regions, String table) {
    this(name, file, shape, affine, labels, regions, table, null);
  }

  /** A volume atlas built in memory, without a region table file. */
  public Atlas(String name, String file, int[] shape, double[][] affine, int[] labels,
      List<Region> regions) {
    this(name, file, shape, affine, labels, regions, null, null);
  }

  /** Whether this is a label volume (not a grayordinate atlas). */
  public boolean isVolume() {
    return grayordinates == null;
  }

  /** One region of the atlas table. */
  public record Region(int index, String name, String network, String hemisphere)
      implements Serializable {
  }

  private static final Pattern ATLAS_ENTITY = Pattern.compile("(?:^|_)atlas-([a-zA-Z0-9]+)");

  /**
   * Reads the label image and the TSV beside it (same name, {@code .tsv}); a {@code .dlabel.nii}
   * is read as a grayordinate atlas ({@link GrayordinateLabels#load}).
   */
  public static Atlas load(DataSource image) throws IOException {
    return load(image, MemoryBudget.DEFAULT);
  }

  /**
   * As {@link #load(DataSource)}, refusing a label image whose declared size does not fit
   * {@code budget} before anything is allocated.
   */
  public static Atlas load(DataSource image, MemoryBudget budget) throws IOException {
    if (GrayordinateLabels.isDenseLabelFile(image.fileName())) {
      return GrayordinateLabels.load(image);
    }
    NiftiImage nifti = NiftiImage.open(image);
    NiftiHeader header = nifti.header();
    if (header.volumeCount() != 1) {
      throw new FormatException(image.name(), "an atlas must be one 3D label volume, found shape "
          + header.shapeText());
    }
    // The values as read (double) and the labels (int): 12 bytes a voxel while loading.
    int voxels = budget.arrayLength(image.name(), "the atlas labels", spatialDims(header),
        Double.BYTES + Integer.BYTES);
    double[] values = new double[voxels];
    nifti.readVolume(0, values);
    int[] labels = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!Double.isFinite(v) || v != Math.rint(v) || v < 0) {
        throw new FormatException(image.name(), "voxel " + i + " holds " + v
            + ": atlas labels must be non-negative integers");
      }
      labels[i] = (int) v;
    }
    String stem = stem(image.fileName());
    DataSource tsv = regionTable(image);
    int[] shape = {(int) header.dim(0), (int) header.dim(1), (int) header.dim(2)};
    return new Atlas(nameOf(stem), image.name(), shape, header.affine(), labels,
        readRegions(tsv), tsv.name());
  }

  /** The three spatial dimensions a header declares. */
  static long[] spatialDims(NiftiHeader header) {
    return new long[] {header.dim(0), header.dim(1), header.dim(2)};
  }

  /**
   * The region table beside the image: the first of {@link AtlasName#tableCandidates} that
   * exists (the exact stem, then TemplateFlow's table without {@code res-}, ...).
   */
  static DataSource regionTable(DataSource image) throws IOException {
    DataSource tsv = regionTableIfAny(image);
    if (tsv != null) {
      return tsv;
    }
    List<String> candidates = AtlasName.of(image.fileName()).tableCandidates();
    throw new FormatException(image.name(), "no region table beside it: looked for "
        + String.join(", ", candidates) + " (a TSV with columns index and name or label)");
  }

  /** The region table beside the image, or null when there is none. */
  static DataSource regionTableIfAny(DataSource image) throws IOException {
    for (String candidate : AtlasName.of(image.fileName()).tableCandidates()) {
      DataSource tsv = image.sibling(candidate);
      if (tsv.exists()) {
        return tsv;
      }
    }
    return null;
  }

  /** The same atlas under another label. */
  public Atlas withName(String label) {
    return new Atlas(label, file, shape, affine, labels, regions, table, grayordinates);
  }

  /** The image's file name, without directories: what messages and sidecars show. */
  public String fileName() {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  /** The template the atlas is in ({@link AtlasSpace#templateOf(Atlas)}), or null. */
  public String template() {
    return AtlasSpace.templateOf(file);
  }

  static String stem(String fileName) {
    return AtlasName.withoutExtension(fileName);
  }

  static String nameOf(String stem) {
    Matcher m = ATLAS_ENTITY.matcher(stem);
    return m.find() ? m.group(1) : stem.replaceAll("[^a-zA-Z0-9]", "");
  }

  static List<Region> readRegions(DataSource tsv) throws IOException {
    TsvTable table = TsvTable.read(tsv, "region table");
    int index = table.column("index");
    // BIDS dseg tables say name; TemplateFlow's and AtlasPack's (as XCP-D reads them) label.
    int name = table.column("name", "label");
    if (index < 0 || name < 0) {
      throw new FormatException(tsv.name(), "needs columns 'index' and 'name' (or 'label'), "
          + "found " + table.header());
    }
    int network = table.column("network", "network_label");
    int hemisphere = table.column("hemisphere");
    List<Region> regions = new ArrayList<>();
    Map<Integer, String> seen = new HashMap<>();
    for (int i = 0; i < table.rows().size(); i++) {
      String[] cells = table.rows().get(i);
      int row = table.lineOf(i);
      int label;
      try {
        label = Integer.parseInt(cells[index].trim());
      } catch (NumberFormatException e) {
        throw new FormatException(tsv.name(), "row " + row + ": index '" + cells[index]
            + "' is not an integer");
      }
      if (label <= 0) {
        throw new FormatException(tsv.name(), "row " + row + ": index " + label
            + " (0 is background; regions are numbered from 1)");
      }
      if (seen.put(label, cells[name]) != null) {
        throw new FormatException(tsv.name(), "row " + row + ": index " + label
            + " appears twice");
      }
      regions.add(new Region(label, cells[name].trim(),
          network >= 0 ? emptyToNull(cells[network]) : null,
          hemisphere >= 0 ? emptyToNull(cells[hemisphere]) : null));
    }
    if (regions.isEmpty()) {
      throw new FormatException(tsv.name(), "no regions listed");
    }
    return List.copyOf(regions);
  }

  private static String emptyToNull(String cell) {
    String v = cell.trim();
    return v.isEmpty() || v.equals("n/a") ? null : v;
  }

  /**
   * Centroid of each region in world mm (NaN for a region without voxels), table order; for a
   * grayordinate atlas, of its subcortical voxels (NaN for surface parcels: no mesh at hand).
   */
  public double[][] centroidsMm() {
    if (!isVolume()) {
      return grayordinates.voxelCentroidsMm(regions);
    }
    Map<Integer, Integer> position = positions();
    double[][] sums = new double[regions.size()][3];
    int[] counts = new int[regions.size()];
    int nx = shape[0];
    int ny = shape[1];
    for (int i = 0; i < labels.length; i++) {
      Integer r = labels[i] == 0 ? null : position.get(labels[i]);
      if (r == null) {
        continue;
      }
      int x = i % nx;
      int y = (i / nx) % ny;
      int z = i / (nx * ny);
      for (int c = 0; c < 3; c++) {
        sums[r][c] += affine[c][0] * x + affine[c][1] * y + affine[c][2] * z + affine[c][3];
      }
      counts[r]++;
    }
    for (int r = 0; r < sums.length; r++) {
      for (int c = 0; c < 3; c++) {
        sums[r][c] = counts[r] == 0 ? Double.NaN : sums[r][c] / counts[r];
      }
    }
    return sums;
  }

  /**
   * Volume of each region in mm^3, table order; for a grayordinate atlas, of its subcortical
   * voxels (NaN for parcels with surface vertices).
   */
  public double[] volumesMm3() {
    if (!isVolume()) {
      return grayordinates.voxelVolumesMm3(regions);
    }
    Map<Integer, Integer> position = positions();
    double voxel = Math.abs(
        affine[0][0] * (affine[1][1] * affine[2][2] - affine[1][2] * affine[2][1])
        - affine[0][1] * (affine[1][0] * affine[2][2] - affine[1][2] * affine[2][0])
        + affine[0][2] * (affine[1][0] * affine[2][1] - affine[1][1] * affine[2][0]));
    double[] volumes = new double[regions.size()];
    for (int label : labels) {
      Integer r = label == 0 ? null : position.get(label);
      if (r != null) {
        volumes[r] += voxel;
      }
    }
    return volumes;
  }

  private Map<Integer, Integer> positions() {
    Map<Integer, Integer> position = new HashMap<>();
    for (int r = 0; r < regions.size(); r++) {
      position.put(regions.get(r).index(), r);
    }
    return position;
  }

  /** Region names in table order: the rows and columns of every matrix. */
  public List<String> regionNames() {
    List<String> names = new ArrayList<>();
    regions.forEach(r -> names.add(r.name()));
    return names;
  }

  /**
   * The region (0-based position in {@link #regions}) of every voxel of an image grid, -1
   * outside every region. A grid other than the atlas's own is resampled by nearest neighbour
   * through the two affines (world = affine * voxel), as nilearn's label maskers do.
   */
  public int[] regionsOnGrid(int[] gridShape, double[][] gridAffine) {
    if (!isVolume()) {
      throw new IllegalStateException("atlas " + name + " is a dense label file: it has no "
          + "voxel grid to resample");
    }
    Map<Integer, Integer> position = positions();
    int nx = gridShape[0];
    int ny = gridShape[1];
    int nz = gridShape[2];
    int[] out = new int[nx * ny * nz];
    boolean same = Arrays.equals(gridShape, shape) && AffineMath.close(gridAffine, affine, 1e-4);
    double[][] toAtlas = same ? null : AffineMath.multiply(AffineMath.invert(affine), gridAffine);
    for (int z = 0; z < nz; z++) {
      for (int y = 0; y < ny; y++) {
        for (int x = 0; x < nx; x++) {
          int label;
          if (same) {
            label = labels[x + nx * (y + ny * z)];
          } else {
            label = labelAt(toAtlas, x, y, z);
          }
          Integer r = label == 0 ? null : position.get(label);
          out[x + nx * (y + ny * z)] = r == null ? -1 : r;
        }
      }
    }
    return out;
  }

  private int labelAt(double[][] m, int x, int y, int z) {
    long i = Math.round(m[0][0] * x + m[0][1] * y + m[0][2] * z + m[0][3]);
    long j = Math.round(m[1][0] * x + m[1][1] * y + m[1][2] * z + m[1][3]);
    long k = Math.round(m[2][0] * x + m[2][1] * y + m[2][2] * z + m[2][3]);
    if (i < 0 || j < 0 || k < 0 || i >= shape[0] || j >= shape[1] || k >= shape[2]) {
      return 0;
    }
    return labels[(int) (i + shape[0] * (j + (long) shape[1] * k))];
  }
}
