package org.sparkconnectome.bids;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One file of the cohort manifest: an image, tractogram or EEG recording with its BIDS entities,
 * identity
 * (size, content hash), geometry and the files paired with it; or a file the scan could not
 * accept, with the reason.
 *
 * @param dataset "raw" for the dataset itself, else the derivative pipeline's folder name
 * @param status {@link #VALID}, {@link #INVALID_NAME} or {@link #UNREADABLE}
 * @param sidecar the merged JSON metadata after BIDS inheritance, as a JSON object string
 * @param shape the image's dimensions; for an EEG recording, channels and samples per channel
 * @param samplingRate an EEG recording's sampling rate (Hz), else null
 * @param channels an EEG recording's channel names as its header lists them, else null
 * @param pairedHash SHA-256 over the merged sidecar and the content of every paired file
 *     (confounds, gradients; an EEG recording's channels, events and electrodes tables and
 *     BrainVision's marker and data files): with the content hash, what decides whether a run
 *     changed
 * @param modified the file's modification time (ms since the epoch) when it was hashed: with
 *     the size and the store's checksum, its {@link FileStamp}, which lets the next scan reuse
 *     the content hash of an unchanged file instead of reading it
 * @param storeChecksum the store's own checksum at that time, or null where it keeps none
 * @param hashedAt when the content hash was taken (ms since the epoch, the scanning executor's
 *     clock), or null: a stamp is trusted only if the file had settled before its hash was taken
 *     ({@link KnownFiles})
 */
public record ManifestEntry(
    String dataset, String subject, String session, String task, String acquisition,
    String run, String space, String desc, String suffix, String modality, String extension,
    String path, long size, String contentHash, Double repetitionTime, List<Integer> shape,
    Double samplingRate, List<String> channels, String sidecar, String confounds, String bval,
    String bvec, String tractography, String pairedHash, String status, String reason,
    Long modified, String storeChecksum, Long hashedAt)
    implements Serializable {

  public static final String VALID = "valid";
  public static final String INVALID_NAME = "invalid_name";
  public static final String UNREADABLE = "unreadable";

  /** Spark schema of the manifest table; column order follows the record. */
  public static final StructType SCHEMA = new StructType()
      .add("dataset", DataTypes.StringType, false)
      .add("subject", DataTypes.StringType, true)
      .add("session", DataTypes.StringType, true)
      .add("task", DataTypes.StringType, true)
      .add("acquisition", DataTypes.StringType, true)
      .add("run", DataTypes.StringType, true)
      .add("space", DataTypes.StringType, true)
      .add("desc", DataTypes.StringType, true)
      .add("suffix", DataTypes.StringType, true)
      .add("modality", DataTypes.StringType, true)
      .add("extension", DataTypes.StringType, true)
      .add("path", DataTypes.StringType, false)
      .add("size", DataTypes.LongType, false)
      .add("content_hash", DataTypes.StringType, true)
      .add("tr", DataTypes.DoubleType, true)
      .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
      .add("sampling_rate", DataTypes.DoubleType, true)
      .add("channels", DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add("sidecar", DataTypes.StringType, true)
      .add("confounds", DataTypes.StringType, true)
      .add("bval", DataTypes.StringType, true)
      .add("bvec", DataTypes.StringType, true)
      .add("tractography", DataTypes.StringType, true)
      .add("paired_hash", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, true)
      .add("modified", DataTypes.LongType, true)
      .add("store_checksum", DataTypes.StringType, true)
      .add("hashed_at", DataTypes.LongType, true);

  /** The row's BIDS URI (the engine adds {@code bids_uri}); its path where there is none. */
  public static String sourceUri(Row row) {
    int field = row.schema() == null ? -1 : java.util.Arrays.asList(row.schema().fieldNames())
        .indexOf("bids_uri");
    String uri = field < 0 ? null : row.getString(field);
    return uri != null ? uri : row.getAs("path");
  }

  public Row toRow() {
    return RowFactory.create(dataset, subject, session, task, acquisition, run, space, desc,
        suffix, modality, extension, path, size, contentHash, repetitionTime,
        shape == null ? null : shape.toArray(new Integer[0]), samplingRate,
        channels == null ? null : channels.toArray(new String[0]), sidecar, confounds, bval, bvec,
        tractography, pairedHash, status, reason, modified, storeChecksum, hashedAt);
  }

  /** A file whose name is not valid BIDS, or that lies where BIDS does not allow it. */
  static ManifestEntry invalid(String dataset, String subject, String modality, String path,
      long size, String reason) {
    return new ManifestEntry(dataset, subject, null, null, null, null, null, null, null,
        modality, null, path, size, null, null, null, null, null, null, null, null, null, null,
        null, INVALID_NAME, reason, null, null, null);
  }
}
