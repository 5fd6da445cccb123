package org.sparkconnectome.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A file on any Hadoop file system (HDFS, S3A, ...), read through {@link FileSystem}. */
public final class HadoopDataSource implements DataSource, Serializable {
  private static final long serialVersionUID = 1L;

  private final String uri;
  private final transient Configuration conf;

  public HadoopDataSource(String uri, Configuration conf) {
    this.uri = uri;
    this.conf = conf;
  }

  /** Hadoop's defaults plus whatever {@code HADOOP_CONF_DIR} and the classpath bring. */
  static Configuration defaultConfiguration() {
    return new Configuration();
  }

  private Path path() {
    return new Path(uri);
  }

  private FileSystem fileSystem() throws IOException {
    return path().getFileSystem(conf == null ? defaultConfiguration() : conf);
  }

  @Override
  public String name() {
    return uri;
  }

  @Override
  public String fileName() {
    return path().getName();
  }

  @Override
  public long size() throws IOException {
    return fileSystem().getFileStatus(path()).getLen();
  }

  @Override
  public InputStream openStream() throws IOException {
    return fileSystem().open(path(), 1 << 16);
  }

  @Override
  public RandomAccessInput openRandomAccess() throws IOException {
    FileSystem fs = fileSystem();
    long length = fs.getFileStatus(path()).getLen();
    FSDataInputStream in = fs.open(path(), 1 << 16);
    return new RandomAccessInput() {
      @Override
      public long length() {
        return length;
      }

      @Override
      public void readFully(long position, byte[] buffer, int offset, int len)
          throws IOException {
        in.readFully(position, buffer, offset, len);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public DataSource sibling(String fileName) {
    Path parent = path().getParent();
    return new HadoopDataSource(new Path(parent, fileName).toString(), conf);
  }

  @Override
  public boolean exists() throws IOException {
    FileSystem fs = fileSystem();
    return fs.exists(path()) && fs.getFileStatus(path()).isFile();
  }

  @Override
  public String toString() {
    return uri;
  }
}
