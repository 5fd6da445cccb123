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
  /** One recorded file. */
  record Known(FileStamp stamp, String contentHash) implements Serializable {
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
    if (!columns.contains("modified") || !columns.contains("store_checksum")) {
      return none();
    }
    Map<String, Known> known = new HashMap<>();
    for (Row r : previousManifest.filter("status = 'valid' AND content_hash IS NOT NULL")
        .select("path", "size", "modified", "store_checksum", "content_hash")
        .collectAsList()) {
      if (!r.isNullAt(2)) {
        known.put(r.getString(0), new Known(new FileStamp(r.getLong(1), r.getLong(2),
            r.getString(3)), r.getString(4)));
      }
    }
    return new KnownFiles(known);
  }

  /** The recorded content hash of the file at {@code uri} if its stamp is unchanged, else null. */
  public String hashIfUnchanged(String uri, FileStamp stamp) {
    Known k = byUri.get(uri);
    return k != null && stamp.sameFileAs(k.stamp()) ? k.contentHash() : null;
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
