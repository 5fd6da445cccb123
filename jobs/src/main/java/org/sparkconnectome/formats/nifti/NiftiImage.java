package org.sparkconnectome.formats.nifti;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.LocalDataSource;
import org.sparkconnectome.io.RandomAccessInput;

/**
 * An opened NIfTI-1, NIfTI-2 or Analyze 7.5 image ({@code .nii}, {@code .nii.gz},
 * {@code .hdr/.img} pairs, either gzipped) whose voxel data is read on demand in bounded memory.
 *
 * <p>Opening reads and validates only the header and checks the declared data size against the
 * file size, so a broken file is refused before anything is allocated. Values are always the
 * scaled ones ({@code raw * scl_slope + scl_inter} when the header scales), in the file's
 * order: x fastest, then y, z, then the volumes (Fortran order).
 *
 * <p>Memory: every read works through a fixed-size buffer ({@value #CHUNK_VOXELS} voxels) plus
 * the caller's array; nothing ever holds the whole 4D image. Random access (one volume, one
 * block of voxels across all volumes) seeks directly in uncompressed files; in gzipped files it
 * has to inflate everything before the requested bytes, so it streams from the start each call.
 * Prefer {@link #streamVolumes()} for gzipped files, or {@link #inflatedCopy} once before many
 * random reads.
 *
 * <p>Truncation in a gzipped file can only be seen when the stream ends; it is then reported
 * as a {@link FormatException}, never as a partial result. A gzipped file's CRC is checked when
 * a caller reads to the last volume ({@link #scan}, {@link #streamVolumes()}).
 */
public final class NiftiImage {
  /** Voxels decoded per internal read. */
  public static final int CHUNK_VOXELS = 1 << 16;
  /** The largest volume the array-based methods accept: the longest Java array. */
  public static final long MAX_VOLUME_VOXELS = Integer.MAX_VALUE - 8;
  /** Deflate cannot compress better than about 1032:1; a header promising more is broken. */
  private static final long MAX_GZIP_RATIO = 1100;

  private final DataSource data;
  private final boolean gzip;
  private final NiftiHeader header;
  private final NiftiSampleDecoder decoder;

  private NiftiImage(DataSource data, boolean gzip, NiftiHeader header) {
    this.data = data;
    this.gzip = gzip;
    this.header = header;
    this.decoder = new NiftiSampleDecoder(header);
  }

  /** Whether {@code fileName} has an extension this reader handles. */
  public static boolean hasImageExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".nii", ".hdr", ".img"}) {
      if (lower.endsWith(ext) || lower.endsWith(ext + ".gz")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Opens an image: a {@code .nii[.gz]} file, or either file of a {@code .hdr/.img} pair (the
   * partner is looked up beside it, gzipped or not).
   *
   * @throws FormatException when the header is broken or the data cannot be as long as declared
   */
  public static NiftiImage open(DataSource source) throws IOException {
    String fileName = source.fileName();
    String lower = fileName.toLowerCase(Locale.ROOT);
    boolean gz = lower.endsWith(".gz");
    String stem = gz ? fileName.substring(0, fileName.length() - 3) : fileName;
    String stemLower = stem.toLowerCase(Locale.ROOT);
    if (stemLower.endsWith(".nii")) {
      NiftiHeader header = readHeader(source, gz, false);
      checkDataSize(source, gz, header);
      return new NiftiImage(source, gz, header);
    }
    if (!stemLower.endsWith(".hdr") && !stemLower.endsWith(".img")) {
      throw new FormatException(source.name(),
          "not a NIfTI or Analyze file name (expected .nii, .nii.gz, .hdr or .img)");
    }
    String base = stem.substring(0, stem.length() - 4);
    boolean upper = stem.endsWith(".HDR") || stem.endsWith(".IMG");
    String hdrName = base + (upper ? ".HDR" : ".hdr");
    String imgName = base + (upper ? ".IMG" : ".img");
    DataSource hdr = stemLower.endsWith(".hdr") ? source : partner(source, hdrName, gz);
    DataSource img = stemLower.endsWith(".img") ? source : partner(source, imgName, gz);
    NiftiHeader header = readHeader(hdr, hdr.fileName().toLowerCase(Locale.ROOT).endsWith(".gz"),
        true);
    boolean imgGz = img.fileName().toLowerCase(Locale.ROOT).endsWith(".gz");
    checkDataSize(img, imgGz, header);
    return new NiftiImage(img, imgGz, header);
  }

  /** The partner of a pair, preferring the same compression as the file named. */
  private static DataSource partner(DataSource source, String plainName, boolean gz)
      throws IOException {
    DataSource same = source.sibling(gz ? plainName + ".gz" : plainName);
    if (same.exists()) {
      return same;
    }
    DataSource other = source.sibling(gz ? plainName : plainName + ".gz");
    if (other.exists()) {
      return other;
    }
    throw new FormatException(source.name(), "the other file of the .hdr/.img pair, "
        + plainName + "[.gz], does not exist");
  }

  private static NiftiHeader readHeader(DataSource source, boolean gz, boolean pairHeader)
      throws IOException {
    byte[] block = new byte[NiftiHeaderParser.MAX_HEADER_BYTES];
    int length;
    try (NiftiDataInput in = NiftiDataInput.open(source, gz, NiftiHeaderParser.MAX_HEADER_BYTES,
        "for the header")) {
      length = in.readUpTo(block, 0, block.length);
    }
    return NiftiHeaderParser.parse(source.name(), block, length, pairHeader);
  }

  private static void checkDataSize(DataSource data, boolean gz, NiftiHeader header)
      throws IOException {
    long size = data.size();
    long end = header.dataOffset() + header.dataBytes();
    if (gz) {
      if (size > 0 && end / MAX_GZIP_RATIO > size) {
        throw new FormatException(data.name(), "header declares " + end + " bytes "
            + expectation(header) + ", more than a " + size + "-byte gzip file can hold");
      }
      return;
    }
    if (header.dataOffset() >= size) {
      throw new FormatException(data.name(), "vox_offset " + header.dataOffset()
          + " is beyond the end of the file (" + size + " bytes)");
    }
    if (size < end) {
      throw new FormatException(data.name(), "truncated data: data ends at byte " + size
          + ", expected " + end + " " + expectation(header));
    }
  }

  private static String expectation(NiftiHeader header) {
    return "for shape " + header.shapeText() + " " + header.dataType().typeName()
        + " from offset " + header.dataOffset();
  }

  /** The validated header. */
  public NiftiHeader header() {
    return header;
  }

  /** The file holding the voxel data (the .img of a pair), as the user named it. */
  public String dataName() {
    return data.name();
  }

  /** Whether the voxel data is gzip-compressed (random access then streams). */
  public boolean compressed() {
    return gzip;
  }

  /**
   * For a gzipped image, inflates the data once (checking the CRC) into {@code file} and returns
   * an image reading that plain copy, so that random access (voxel blocks across all volumes)
   * seeks instead of inflating the file from its start at every call. An uncompressed image is
   * returned as it is and nothing is written.
   *
   * @throws FormatException when the folder of {@code file} has less free space than the
   *     inflated data needs, naming both sizes
   */
  public NiftiImage inflatedCopy(Path file) throws IOException {
    if (!gzip) {
      return this;
    }
    long end = header.dataOffset() + header.dataBytes();
    Path folder = file.toAbsolutePath().getParent();
    long free = Files.getFileStore(folder).getUsableSpace();
    if (free < end) {
      throw new FormatException(data.name(), "inflating it for block reads needs " + end
          + " bytes of local disk but the temporary folder has " + free + " free");
    }
    byte[] buffer = new byte[1 << 20];
    try (NiftiDataInput in = openData();
        OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < end; ) {
        int n = (int) Math.min(buffer.length, end - done);
        in.readFully(buffer, 0, n);
        out.write(buffer, 0, n);
        done += n;
      }
      in.verifyToEnd();
    }
    return new NiftiImage(new LocalDataSource(file), false, header);
  }

  /** Receives consecutive runs of scaled values. */
  @FunctionalInterface
  public interface ChunkVisitor {
    /**
     * Values {@code values[0..count)} are the voxels at flat (Fortran-order, all axes) indices
     * {@code first .. first+count-1}. The array is reused after the call returns.
     */
    void accept(long first, double[] values, int count) throws IOException;
  }

  /**
   * Reads every value once, in file order, handing them over in chunks: the way to compute
   * statistics over an image of any size. For gzipped data the CRC is verified at the end.
   */
  public void scan(ChunkVisitor visitor) throws IOException {
    long total = header.voxelCount();
    int bytes = header.dataType().bytes();
    int chunk = (int) Math.min(total, CHUNK_VOXELS);
    byte[] raw = new byte[chunk * bytes];
    double[] values = new double[chunk];
    try (NiftiDataInput in = openData()) {
      in.skip(header.dataOffset());
      for (long first = 0; first < total; first += chunk) {
        int n = (int) Math.min(chunk, total - first);
        in.readFully(raw, 0, n * bytes);
        decoder.decode(raw, n, values, 0);
        visitor.accept(first, values, n);
      }
      in.verifyToEnd();
    }
  }

  /** Volume after volume, from the first, into the caller's buffer. */
  public NiftiVolumeStream streamVolumes() throws IOException {
    int voxels = volumeArrayLength();
    NiftiDataInput in = openData();
    try {
      in.skip(header.dataOffset());
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new NiftiVolumeStream(in, header, decoder, voxels);
  }

  /**
   * Reads 3D volume {@code volume} (0-based, over all axes beyond the third) into
   * {@code into[0 .. voxelsPerVolume)}.
   */
  public void readVolume(long volume, double[] into) throws IOException {
    int voxels = volumeArrayLength();
    if (volume < 0 || volume >= header.volumeCount()) {
      throw new IndexOutOfBoundsException("volume " + volume + " of " + header.volumeCount());
    }
    requireLength(into.length, voxels);
    long start = header.dataOffset() + volume * voxels * header.dataType().bytes();
    if (gzip) {
      try (NiftiDataInput in = openData()) {
        in.skip(start);
        NiftiVolumeStream.readValues(in, decoder, header.dataType().bytes(), voxels, into);
      }
      return;
    }
    try (RandomAccessInput in = data.openRandomAccess()) {
      readRange(in, start, voxels, into, 0, 1);
    }
  }

  /**
   * Reads the time series of voxels {@code from .. from+count-1} (flat 3D index, x fastest) over
   * all volumes. Voxel {@code from + i} at volume {@code t} lands at
   * {@code into[i * volumeCount + t]}, so each voxel's series is contiguous.
   */
  public void readVoxelBlock(long from, int count, double[] into) throws IOException {
    long perVolume = header.voxelsPerVolume();
    long volumes = header.volumeCount();
    if (from < 0 || count < 0 || from + count > perVolume) {
      throw new IndexOutOfBoundsException("voxels [" + from + ", " + (from + count)
          + ") outside a volume of " + perVolume);
    }
    long needed = count * volumes;
    if (needed > MAX_VOLUME_VOXELS) {
      throw new IllegalArgumentException(count + " voxels x " + volumes
          + " volumes do not fit one array; read a smaller block");
    }
    requireLength(into.length, (int) needed);
    int bytes = header.dataType().bytes();
    if (gzip) {
      try (NiftiDataInput in = openData()) {
        in.skip(header.dataOffset());
        double[] chunk = new double[Math.min(count, CHUNK_VOXELS)];
        byte[] raw = new byte[chunk.length * bytes];
        for (long t = 0; t < volumes; t++) {
          in.skip(from * bytes);
          for (int done = 0; done < count; done += chunk.length) {
            int n = Math.min(chunk.length, count - done);
            in.readFully(raw, 0, n * bytes);
            decoder.decode(raw, n, chunk, 0);
            scatter(chunk, n, into, done, (int) volumes, (int) t);
          }
          in.skip((perVolume - from - count) * bytes);
        }
      }
      return;
    }
    try (RandomAccessInput in = data.openRandomAccess()) {
      for (long t = 0; t < volumes; t++) {
        long start = header.dataOffset() + (t * perVolume + from) * bytes;
        readRange(in, start, count, into, (int) t, (int) volumes);
      }
    }
  }

  /** Reads {@code count} voxels at byte {@code start}; voxel i goes to into[first + i*stride]. */
  private void readRange(RandomAccessInput in, long start, int count, double[] into, int first,
      int stride) throws IOException {
    int bytes = header.dataType().bytes();
    int chunk = Math.min(count, CHUNK_VOXELS);
    byte[] raw = new byte[chunk * bytes];
    double[] values = stride == 1 ? null : new double[chunk];
    for (int done = 0; done < count; done += chunk) {
      int n = Math.min(chunk, count - done);
      long at = start + (long) done * bytes;
      try {
        in.readFully(at, raw, 0, n * bytes);
      } catch (EOFException e) {
        throw new FormatException(data.name(), "truncated data: the file ended before byte "
            + (at + (long) n * bytes) + " (it changed after it was opened?)", e);
      }
      if (stride == 1) {
        decoder.decode(raw, n, into, first + done);
      } else {
        decoder.decode(raw, n, values, 0);
        for (int i = 0; i < n; i++) {
          into[first + (done + i) * stride] = values[i];
        }
      }
    }
  }

  private static void scatter(double[] chunk, int n, double[] into, int firstVoxel, int stride,
      int t) {
    for (int i = 0; i < n; i++) {
      into[(firstVoxel + i) * stride + t] = chunk[i];
    }
  }

  private NiftiDataInput openData() throws IOException {
    return NiftiDataInput.open(data, gzip, header.dataOffset() + header.dataBytes(),
        expectation(header));
  }

  private int volumeArrayLength() throws FormatException {
    long voxels = header.voxelsPerVolume();
    if (voxels > MAX_VOLUME_VOXELS) {
      throw new FormatException(data.name(), "a volume of " + voxels
          + " voxels is larger than one Java array; read it with scan() or in voxel blocks");
    }
    return (int) voxels;
  }

  private static void requireLength(int length, int needed) {
    if (length < needed) {
      throw new IllegalArgumentException("buffer of " + length + " values, need " + needed);
    }
  }
}
