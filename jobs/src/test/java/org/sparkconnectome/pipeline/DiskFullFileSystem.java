package org.sparkconnectome.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * Test-only local disk that fills up: once {@value #AFTER_BYTES} bytes have been written into
 * staging folders ({@code .staging/}) under {@value #ROOT}, every further write there throws
 * {@code IOException("No space left on device")}, as a full disk does. Registered as
 * {@code fs.file.impl} (with the cache off) for one test; files elsewhere are written as usual.
 */
public final class DiskFullFileSystem extends LocalFileSystem {
  /** Hadoop setting: the output folder whose staging fills up. */
  static final String ROOT = "connectome.test.disk_full.root";
  /** Hadoop setting: the staged bytes the disk takes before it is full. */
  static final String AFTER_BYTES = "connectome.test.disk_full.after_bytes";
  private static final AtomicLong STAGED = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();

  public DiskFullFileSystem() {
    super(new Filling());
  }

  /** Empties the disk: staged bytes and refused writes counted from zero. */
  static void reset() {
    STAGED.set(0);
    REFUSED.set(0);
  }

  /** Writes refused since {@link #reset()}: zero means the fault never fired. */
  static long refusedWrites() {
    return REFUSED.get();
  }

  /** The raw local disk beneath, whose created files count their bytes. */
  static final class Filling extends RawLocalFileSystem {
    private String root = "";
    private long capacity = Long.MAX_VALUE;

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
      super.initialize(uri, conf);
      root = conf.get(ROOT, "");
      capacity = conf.getLong(AFTER_BYTES, Long.MAX_VALUE);
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize,
        short replication, long blockSize, Progressable progress) throws IOException {
      return filling(f, super.create(f, overwrite, bufferSize, replication, blockSize,
          progress));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite,
        int bufferSize, short replication, long blockSize, Progressable progress)
        throws IOException {
      return filling(f, super.create(f, permission, overwrite, bufferSize, replication,
          blockSize, progress));
    }

    private FSDataOutputStream filling(Path f, FSDataOutputStream out) throws IOException {
      String path = makeQualified(f).toUri().getPath();
      if (root.isEmpty() || !path.startsWith(root) || !path.contains("/.staging/")) {
        return out;
      }
      return new FSDataOutputStream(new Counted(out, capacity), statistics);
    }
  }

  /** Bytes counted against the disk's capacity; beyond it, ENOSPC. */
  private static final class Counted extends OutputStream {
    private final OutputStream out;
    private final long capacity;

    Counted(OutputStream out, long capacity) {
      this.out = out;
      this.capacity = capacity;
    }

    @Override
    public void write(int b) throws IOException {
      take(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      take(len);
      out.write(b, off, len);
    }

    private void take(int bytes) throws IOException {
      if (STAGED.addAndGet(bytes) > capacity) {
        REFUSED.incrementAndGet();
        throw new IOException("No space left on device");
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
