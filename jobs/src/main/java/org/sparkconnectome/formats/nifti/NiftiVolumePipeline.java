package org.sparkconnectome.formats.nifti;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Volume after volume of an image as float, inflated and decoded by a reader thread of its own
 * while the caller works on the volumes before: the per-run task then costs about as much as
 * inflating the file, not inflating plus the work on the values.
 *
 * <p>Memory stays bounded: the reader fills a fixed set of {@code buffers} volume arrays,
 * reused in turn (no allocation per volume), and waits when the caller has not handed one back.
 * The values are those of {@link NiftiVolumeStream#next(float[])}, bit for bit, and so are the
 * faults: a truncated or corrupt file is reported by {@link #next()} as the same
 * {@link org.sparkconnectome.formats.FormatException} naming the file, in place of the volume
 * it spoiled, and the gzip CRC is checked after the last volume, before the end is reported.
 *
 * <p>The reader thread never outlives this object: {@link #close()} stops it and waits for it,
 * and so does a fault in either thread or an interrupted caller. Not for use by several callers.
 */
public final class NiftiVolumePipeline implements Closeable {
  /** Volume arrays by default: one the caller holds, one being filled, one ready. */
  public static final int DEFAULT_BUFFERS = 3;
  /** Prefix of the reader threads' names (tests look for leaked ones by it). */
  public static final String THREAD_PREFIX = "connectome-inflate-";

  /** What the reader hands over: a volume, the end, or the fault that stopped it. */
  private record Item(float[] volume, Throwable fault) {
    static final Item END = new Item(null, null);
  }

  private final BlockingQueue<float[]> free;
  private final BlockingQueue<Item> ready;
  private final Thread reader;
  private final String dataName;
  private float[] held;
  private boolean finished;
  /** The fault that ended the stream, thrown again to a caller that asks on. */
  private Throwable fault;
  private volatile boolean closing;

  private NiftiVolumePipeline(NiftiVolumeStream stream, String dataName, int buffers) {
    this.dataName = dataName;
    this.free = new ArrayBlockingQueue<>(buffers);
    // Room for every buffer and the closing item, so that the reader never waits to put one.
    this.ready = new ArrayBlockingQueue<>(buffers + 1);
    for (int i = 0; i < buffers; i++) {
      free.add(new float[stream.voxelsPerVolume()]);
    }
    this.reader = new Thread(() -> read(stream), THREAD_PREFIX + fileName(dataName));
    reader.setDaemon(true);
  }

  /**
   * Starts reading {@code image}'s volumes ahead into {@code buffers} (at least 2) arrays.
   *
   * @throws org.sparkconnectome.formats.FormatException when a volume is larger than one array
   */
  public static NiftiVolumePipeline start(NiftiImage image, int buffers) throws IOException {
    if (buffers < 2) {
      throw new IllegalArgumentException("a pipeline needs at least 2 buffers, got " + buffers);
    }
    NiftiVolumeStream stream = image.streamVolumes();
    NiftiVolumePipeline pipeline;
    try {
      pipeline = new NiftiVolumePipeline(stream, image.dataName(), buffers);
      // A thread the JVM cannot start (OutOfMemoryError: unable to create native thread)
      // leaves the stream to close here.
      pipeline.reader.start();
    } catch (RuntimeException | Error e) {
      stream.close();
      throw e;
    }
    return pipeline;
  }

  /**
   * The next volume, x fastest, or null after the last one (its CRC checked). The array is the
   * caller's, to change at will, until the next call or {@link #close()}, which take it back.
   *
   * @throws org.sparkconnectome.formats.FormatException when the data ends early or is corrupt
   * @throws InterruptedIOException when the calling thread is interrupted while it waits
   */
  public float[] next() throws IOException {
    if (finished) {
      if (fault != null) {
        throw rethrown(fault);
      }
      return null;
    }
    if (held != null) {
      // Never waits: the free queue has room for every buffer.
      free.add(held);
      held = null;
    }
    Item item;
    try {
      item = ready.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      InterruptedIOException stop = new InterruptedIOException("interrupted while waiting for "
          + "a volume of " + dataName);
      stop.initCause(e);
      throw stop;
    }
    if (item.fault() != null) {
      finished = true;
      fault = item.fault();
      close();
      throw rethrown(item.fault());
    }
    if (item == Item.END) {
      finished = true;
      close();
      return null;
    }
    held = item.volume();
    return held;
  }

  /** Stops the reader (when still running) and waits until it has closed the file. */
  @Override
  public void close() {
    closing = true;
    if (Thread.currentThread() == reader) {
      return;
    }
    // Waiting needs the caller's interrupt flag clear; it is set again afterwards.
    boolean interrupted = Thread.interrupted();
    reader.interrupt();
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        // The reader stops within one volume; the caller's interrupt is kept for it.
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The reader thread: fills free buffers in order, then the end or the fault. */
  private void read(NiftiVolumeStream stream) {
    Item last = Item.END;
    try (stream) {
      while (!closing) {
        float[] volume = free.take();
        if (!stream.next(volume)) {
          break;
        }
        ready.add(new Item(volume, null));
      }
    } catch (InterruptedException e) {
      // close() asked the reader to stop: nobody waits for what it would have read.
      last = new Item(null, e);
    } catch (Throwable e) {
      last = new Item(null, e);
    }
    // Never full: it has room for every buffer and this item.
    ready.add(last);
  }

  private static IOException rethrown(Throwable fault) {
    if (fault instanceof IOException e) {
      return e;
    }
    if (fault instanceof RuntimeException e) {
      throw e;
    }
    if (fault instanceof Error e) {
      throw e;
    }
    return new IOException(fault);
  }

  private static String fileName(String name) {
    int slash = name.lastIndexOf('/');
    return slash >= 0 ? name.substring(slash + 1) : name;
  }

  /** For tests: whether the reader thread is still running. */
  boolean readerAlive() {
    return reader.isAlive();
  }
}
