package org.sparkconnectome.formats.cifti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.formats.nifti.NiftiFormat;
import org.sparkconnectome.formats.nifti.NiftiHeader;
import org.sparkconnectome.formats.nifti.NiftiImage;
import org.sparkconnectome.io.DataSource;

/**
 * An opened CIFTI-2 file (dtseries, dscalar, dlabel, dconn, ptseries, pconn, pscalar, ...): a
 * NIfTI-2 file whose code-32 header extension holds the XML that names the matrix's axes.
 *
 * <p>Opening validates everything before any data is read: the NIfTI-2 header, the intent, the
 * XML and its axes against the matrix (lengths, brain models that tile their axis, vertex indices
 * within their surface, voxels within their volume), and the file's length against the data the
 * header declares. Every fault is a {@link FormatException} naming the file and what is wrong.
 *
 * <p>Matrix layout, as nibabel reads it: {@code get_fdata()} has shape
 * {@code (rows(), columns())} = (length of axis 0, length of axis 1), a dtseries is
 * (time, grayordinates), and on disk axis 0 varies fastest (NIfTI's Fortran order, dim[5] first):
 * what CIFTI calls a "row" of values, e.g. one grayordinate's whole time series, is contiguous.
 * So {@link #streamColumns()} (one grayordinate's series per call) reads the file once in order,
 * and {@link #streamRows()} (one time point's grayordinates per call) gathers blocks of time
 * points in bounded memory, one sequential pass per block.
 */
public final class CiftiFile {
  /** The most values {@link #readAll()} returns: 2^26 floats (256 MiB). */
  public static final long MAX_READ_ALL_VALUES = 1L << 26;
  /** The most bytes of header extensions read (a 91k-grayordinate XML is a few MB). */
  static final long MAX_EXTENSION_BYTES = 1L << 28;
  private static final int NIFTI2_HEADER_BYTES = 540;
  private static final int CIFTI_EXTENSION_CODE = 32;

  private final DataSource source;
  private final NiftiImage image;
  private final CiftiIntent intent;
  private final List<CiftiAxis> axes;

  private CiftiFile(DataSource source, NiftiImage image, CiftiIntent intent,
      List<CiftiAxis> axes) {
    this.source = source;
    this.image = image;
    this.intent = intent;
    this.axes = axes;
  }

  /** CIFTI-2 file name endings ({@code .dtseries.nii}, ...), for recognising files by name. */
  public static final List<String> EXTENSIONS = List.of(".dtseries.nii", ".dscalar.nii",
      ".dlabel.nii", ".dconn.nii", ".ptseries.nii", ".pconn.nii", ".pscalar.nii",
      ".pdconn.nii", ".dpconn.nii", ".plabel.nii", ".pdscalar.nii");

  /** Whether the file name has one of the CIFTI-2 {@link #EXTENSIONS}. */
  public static boolean hasCiftiExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  /**
   * Opens and validates a CIFTI-2 file.
   *
   * @throws FormatException when the file is not a valid CIFTI-2 matrix of a supported intent
   */
  public static CiftiFile open(DataSource source) throws IOException {
    String lower = source.fileName().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".nii")) {
      throw new FormatException(source.name(), "a CIFTI-2 file is an uncompressed .nii file"
          + (lower.endsWith(".gz") ? " (gunzip it first)" : ""));
    }
    NiftiImage image = NiftiImage.open(source);
    NiftiHeader h = image.header();
    if (h.format() != NiftiFormat.NIFTI2) {
      throw new FormatException(source.name(), "a " + h.format().label()
          + " file: CIFTI-2 files are NIfTI-2 (sizeof_hdr 540)");
    }
    long[] shape = h.shape();
    if (shape.length == 7) {
      throw new FormatException(source.name(), "a 3-dimensional CIFTI matrix "
          + Arrays.toString(Arrays.copyOfRange(shape, 4, 7)) + ": only 2-dimensional ones are "
          + "supported");
    }
    if (shape.length != 6 || shape[0] != 1 || shape[1] != 1 || shape[2] != 1 || shape[3] != 1) {
      throw new FormatException(source.name(), "NIfTI shape " + h.shapeText()
          + " is not a CIFTI-2 matrix: expected dim[0] = 6 and dim[1..4] = 1");
    }
    CiftiIntent intent = CiftiIntent.forCode(h.intentCode()).orElseThrow(() ->
        new FormatException(source.name(), "intent_code " + h.intentCode()
            + " is not a supported CIFTI-2 intent (" + supportedIntents() + ")"));
    long[] dims = {shape[4], shape[5]};
    for (long dim : dims) {
      if (dim > Integer.MAX_VALUE - 8) {
        throw new FormatException(source.name(), "matrix dimension " + dim
            + " is longer than one Java array");
      }
    }
    byte[] xml = ciftiXml(source, h);
    List<CiftiAxis> axes = CiftiXmlParser.parse(source.name(), xml, dims);
    List<String> kinds = axes.stream().map(CiftiAxis::kind).toList();
    if (intent.axisKinds().isPresent() && !intent.axisKinds().get().equals(kinds)) {
      throw new FormatException(source.name(), "intent " + intent.intentName() + " needs axes "
          + intent.axisKinds().get() + " but the XML describes " + kinds);
    }
    return new CiftiFile(source, image, intent, axes);
  }

  private static String supportedIntents() {
    StringBuilder out = new StringBuilder();
    for (CiftiIntent intent : CiftiIntent.values()) {
      out.append(out.length() == 0 ? "" : ", ").append(intent.code()).append(' ')
          .append(intent.intentName());
    }
    return out.toString();
  }

  /** The content of the code-32 extension, trailing NUL padding removed. */
  private static byte[] ciftiXml(DataSource source, NiftiHeader h) throws IOException {
    long end = h.dataOffset();
    if (end > MAX_EXTENSION_BYTES) {
      throw new FormatException(source.name(), "vox_offset " + end
          + " leaves more header extension bytes than the reader accepts ("
          + MAX_EXTENSION_BYTES + ")");
    }
    byte[] head;
    try (InputStream in = source.openStream()) {
      head = in.readNBytes((int) end);
    }
    if (head.length < end) {
      throw new FormatException(source.name(), "truncated: the file ends at byte " + head.length
          + ", inside its header extensions (vox_offset " + end + ")");
    }
    String none = "NIfTI-2 file without the CIFTI-2 XML extension (code 32)";
    if (end < NIFTI2_HEADER_BYTES + 4 || head[NIFTI2_HEADER_BYTES] == 0) {
      throw new FormatException(source.name(), none + ": it has no header extensions");
    }
    ByteBuffer buf = ByteBuffer.wrap(head).order(h.byteOrder());
    int at = NIFTI2_HEADER_BYTES + 4;
    while (at + 8 <= end) {
      int size = buf.getInt(at);
      int code = buf.getInt(at + 4);
      if (size < 8 || at + (long) size > end) {
        throw new FormatException(source.name(), "header extension at byte " + at + " has esize "
            + size + ", which does not fit before vox_offset " + end);
      }
      if (code == CIFTI_EXTENSION_CODE) {
        int length = size - 8;
        while (length > 0 && head[at + 8 + length - 1] == 0) {
          length--;
        }
        return Arrays.copyOfRange(head, at + 8, at + 8 + length);
      }
      at += size;
    }
    throw new FormatException(source.name(), none);
  }

  /** The validated NIfTI-2 header. */
  public NiftiHeader header() {
    return image.header();
  }

  /** The intent. */
  public CiftiIntent cifti() {
    return intent;
  }

  /** nibabel's name of the NIfTI intent: {@code ConnDenseSeries}, {@code ConnParcels}, ... */
  public String intent() {
    return intent.intentName();
  }

  /** The axes in matrix order: axis 0 indexes rows, axis 1 columns. */
  public List<CiftiAxis> axes() {
    return axes;
  }

  /** Length of axis 0 (time points of a dtseries). */
  public int rows() {
    return axes.get(0).length();
  }

  /** Length of axis 1 (grayordinates of a dtseries). */
  public int columns() {
    return axes.get(1).length();
  }

  /** The file's name without directories. */
  public String fileName() {
    return source.fileName();
  }

  /** The file as the user named it, for messages. */
  public String name() {
    return source.name();
  }

  /**
   * Row after row ({@code data[i, :]}: for a dtseries one time point, all grayordinates), in
   * blocks of rows that take at most {@value CiftiRowStream#DEFAULT_BLOCK_BYTES} bytes.
   */
  public CiftiRowStream streamRows() {
    return new CiftiRowStream(source, image.header(), rows(), columns(),
        CiftiRowStream.DEFAULT_BLOCK_BYTES);
  }

  /** As {@link #streamRows()}, with blocks of at most {@code blockBytes} bytes. */
  public CiftiRowStream streamRows(long blockBytes) {
    return new CiftiRowStream(source, image.header(), rows(), columns(), blockBytes);
  }

  /**
   * Column after column ({@code data[:, j]}: for a dtseries one grayordinate's time series) in
   * one sequential pass over the file: the cheapest way to read a dense series.
   */
  public CiftiColumnStream streamColumns() throws IOException {
    return CiftiColumnStream.open(source, image.header(), rows(), columns());
  }

  /**
   * Every scaled value once, in file order (flat index {@code i + rows() * j}), in chunks of
   * doubles: for statistics over a matrix of any size.
   */
  public void scan(NiftiImage.ChunkVisitor visitor) throws IOException {
    image.scan(visitor);
  }

  /**
   * The whole matrix as {@code [rows][columns]}, for small ones (dlabel, ptseries, pconn).
   *
   * @throws FormatException when it holds more than {@link #MAX_READ_ALL_VALUES} values
   */
  public float[][] readAll() throws IOException {
    long values = (long) rows() * columns();
    if (values > MAX_READ_ALL_VALUES) {
      throw new FormatException(source.name(), "a " + rows() + " x " + columns()
          + " matrix is too large to read whole (more than " + MAX_READ_ALL_VALUES
          + " values): stream it by rows or columns");
    }
    float[][] out = new float[rows()][columns()];
    float[] column = new float[rows()];
    try (CiftiColumnStream stream = streamColumns()) {
      for (int j = 0; stream.next(column); j++) {
        for (int i = 0; i < column.length; i++) {
          out[i][j] = column[i];
        }
      }
    }
    return out;
  }

  /** The byte order of the data, for writers that copy it. */
  ByteOrder byteOrder() {
    return image.header().byteOrder();
  }
}
