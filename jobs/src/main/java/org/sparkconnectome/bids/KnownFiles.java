package org.sparkconnectome.bids;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The content hashes a previous manifest recorded, by store URI, with the stamp each was taken
 * at: the scan reuses a hash when the file's stamp is unchanged instead of reading every byte
 * again. A manifest written before stamps were recorded knows nothing (every file is hashed).
 */
public final class KnownFiles implements Serializable {
  /** One recorded file, and when its hash was taken (null if unknown). */
  record Known(FileStamp stamp, String contentHash, Long hashedAt) implements Serializable {
    /**
     * Whether the stamp can vouch for the content: the file had been left alone for
     * {@link FileStamp#SETTLE_MS} when it was hashed. A file written in the same time tick as
     * our read could change again without its stamp changing (git's "racily clean" entries);
     * such a file is hashed again at the next scan.
     */
    boolean settled() {
      return hashedAt != null && stamp.modified() < hashedAt - FileStamp.SETTLE_MS;
    }
  }

  private final Map<String, Known> byUri;

  private KnownFiles(Map<String, Known> byUri) {
    this.byUri = byUri;
  }

  /** Knows no file: everything is hashed. */
  public static KnownFiles none() {
    return new KnownFiles(Map.of());
  }

  /** The valid, hashed files of a previous manifest table (one small row per file). */
  public static KnownFiles from(Dataset<Row> previousManifest) {
    List<String> columns = Arrays.asList(previousManifest.columns());
    if (!columns.contains("modified") || !columns.contains("store_checksum")
        || !columns.contains("hashed_at")) {
      return none();
    }
    Map<String, Known> known = new HashMap<>();
    for (Row r : previousManifest.filter("status = 'valid' AND content_hash IS NOT NULL")
        .select("path", "size", "modified", "store_checksum", "content_hash", "hashed_at")
        .collectAsList()) {
      if (!r.isNullAt(2)) {
        known.put(r.getString(0), new Known(new FileStamp(r.getLong(1), r.getLong(2),
            r.getString(3)), r.getString(4), r.isNullAt(5) ? null : r.getLong(5)));
      }
    }
    return new KnownFiles(known);
  }

  /**
   * The record of the file at {@code uri} if its stamp is unchanged and was taken of a settled
   * file (so its content hash still holds), else null: the file must be read.
   */
  public Known ifUnchanged(String uri, FileStamp stamp) {
    Known k = byUri.get(uri);
    return k != null && k.settled() && stamp.sameFileAs(k.stamp()) ? k : null;
  }

  /**
   * When the content {@code hash} of the file at {@code uri} counts as hashed: its recorded
   * time if it was recorded with the same content, else {@code now}.
   */
  public long sameContentHashedAt(String uri, String hash, long now) {
    Known k = byUri.get(uri);
    return k != null && k.hashedAt() != null && k.contentHash().equals(hash) ? k.hashedAt() : now;
  }

  /** How many files it knows. */
  public int size() {
    return byUri.size();
  }

  /** For tests: a lookup of these files. */
  static KnownFiles of(Map<String, Known> byUri) {
    return new KnownFiles(Map.copyOf(byUri));
  }
}
