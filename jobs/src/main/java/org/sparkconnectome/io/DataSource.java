package org.sparkconnectome.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A readable file wherever it lives (local disk, HDFS, S3): the format readers see only this, so
 * storage details stay out of the format code.
 */
public interface DataSource {

  /** The name to show the user: the path or URI as given. */
  String name();

  /** The file name without directories, used to recognise extensions. */
  String fileName();

  /** Size in bytes. */
  long size() throws IOException;

  /** A sequential stream from the first byte. */
  InputStream openStream() throws IOException;

  /** Positioned reads, for seeking into uncompressed files without reading what lies before. */
  RandomAccessInput openRandomAccess() throws IOException;

  /** Another file beside this one (a NIfTI pair's .img, a sidecar), same storage. */
  DataSource sibling(String fileName);

  /** Whether the file exists. */
  boolean exists() throws IOException;
}
