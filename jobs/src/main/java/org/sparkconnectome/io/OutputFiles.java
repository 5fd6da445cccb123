package org.sparkconnectome.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Creates output files on any Hadoop file system (local, HDFS, S3A), parents included. */
public final class OutputFiles {
  private OutputFiles() {
  }

  /**
   * A new file (replacing an old one) for bytes. A fault while creating or writing it is an
   * {@link OutputWriteException} naming the file, also noted for the task
   * ({@link OutputWriteFaults}): a full disk fails the command, not the run being written.
   */
  public static OutputStream create(Configuration conf, String uri) throws IOException {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs instanceof LocalFileSystem local) {
        // No .crc companions beside derivative files on local disk: users browse these folders.
        fs = local.getRawFileSystem();
      }
      return new GuardedOutputStream(fs.create(path, true), uri);
    } catch (IOException e) {
      throw GuardedOutputStream.fault(uri, e);
    }
  }

  /** A new UTF-8 text file. */
  public static Writer createText(Configuration conf, String uri) throws IOException {
    return new OutputStreamWriter(create(conf, uri), StandardCharsets.UTF_8);
  }

  /** Joins a folder URI and a relative path. */
  public static String resolve(String folder, String relative) {
    return folder.endsWith("/") ? folder + relative : folder + "/" + relative;
  }
}
