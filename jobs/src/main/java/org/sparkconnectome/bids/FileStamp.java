package org.sparkconnectome.bids;

import java.io.IOException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.StringUtils;

/**
 * What the store says about a file without our reading it: size, modification time and the
 * store's own checksum where it keeps one (HDFS's MD5-of-CRCs, S3A's ETag with
 * {@code fs.s3a.etag.checksum.enabled}; none on a local disk). A file whose stamp equals the one
 * recorded with its content hash still has that content, so the scan need not read it again.
 *
 * @param storeChecksum the store's checksum as "ALGORITHM:hex", or null where it gives none
 */
public record FileStamp(long size, long modified, String storeChecksum) implements Serializable {
  /**
   * Milliseconds a file must have been left alone before its stamp is trusted: more than the
   * coarsest modification-time resolution of the stores we read (1 s on S3, NFS and HFS+), with
   * room for clock skew between the store and the executor.
   */
  public static final long SETTLE_MS = 3000;

  /** The stamp of a listed file; asks the store for its checksum (cheap, or null). */
  public static FileStamp of(FileSystem fs, FileStatus status) {
    return new FileStamp(status.getLen(), status.getModificationTime(),
        storeChecksum(fs, status));
  }

  private static String storeChecksum(FileSystem fs, FileStatus status) {
    try {
      FileChecksum checksum = fs.getFileChecksum(status.getPath());
      return checksum == null ? null
          : checksum.getAlgorithmName() + ":" + StringUtils.byteToHexString(checksum.getBytes());
    } catch (IOException | UnsupportedOperationException e) {
      // A store that cannot say is judged by size and time alone.
      return null;
    }
  }

  /**
   * Whether a file with this stamp is the one {@code recorded} was taken of: same size and
   * modification time, and same store checksum where both have one (a rewrite within the
   * store's time resolution that keeps the size still changes the checksum).
   */
  public boolean sameFileAs(FileStamp recorded) {
    if (recorded == null || size != recorded.size || modified != recorded.modified
        || modified <= 0) {
      return false;
    }
    return storeChecksum == null || recorded.storeChecksum == null
        || Objects.equals(storeChecksum, recorded.storeChecksum);
  }
}
