package org.sparkconnectome.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A file on the local file system. */
public final class LocalDataSource implements DataSource {
  private final Path path;

  public LocalDataSource(Path path) {
    this.path = path;
  }

  public static LocalDataSource of(String path) {
    return new LocalDataSource(Path.of(path));
  }

  public Path path() {
    return path;
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public String fileName() {
    Path name = path.getFileName();
    return name == null ? path.toString() : name.toString();
  }

  @Override
  public long size() throws IOException {
    return Files.size(path);
  }

  @Override
  public InputStream openStream() throws IOException {
    return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
  }

  @Override
  public RandomAccessInput openRandomAccess() throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    return new RandomAccessInput() {
      @Override
      public long length() throws IOException {
        return channel.size();
      }

      @Override
      public void readFully(long position, byte[] buffer, int offset, int length)
          throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        long at = position;
        while (target.hasRemaining()) {
          int n = channel.read(target, at);
          if (n < 0) {
            throw new EOFException("end of file at byte " + at);
          }
          at += n;
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public DataSource sibling(String fileName) {
    Path parent = path.getParent();
    return new LocalDataSource(parent == null ? Path.of(fileName) : parent.resolve(fileName));
  }

  @Override
  public boolean exists() {
    return Files.isRegularFile(path);
  }

  @Override
  public String toString() {
    return name();
  }
}
