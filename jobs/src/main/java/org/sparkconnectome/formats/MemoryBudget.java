package org.sparkconnectome.formats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How many bytes one task may allocate for arrays sized from a file's header, and the check that
 * refuses a file before anything is allocated: a valid but huge declared size (an atlas of 2^31
 * voxels, a 4D run of 50 GB) fails that one run with the file, its declared dimensions, the
 * bytes it would need and the budget named, instead of an {@code OutOfMemoryError} that takes
 * the executor (and every run on it) down, or a {@code NegativeArraySizeException} from an
 * unchecked {@code int} cast.
 *
 * <p>All arithmetic is {@code long} with {@link Math#multiplyExact}, so no product wraps.
 *
 * @param bytes the budget in bytes
 * @param setting the setting that sets it, named in messages so a user knows what to raise
 */
public record MemoryBudget(long bytes, String setting) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double GIB = 1024.0 * 1024 * 1024;
  /** The longest array a JVM allocates (a few header words below Integer.MAX_VALUE). */
  public static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
  /**
   * The default per-task budget, 8 GiB: it admits an HCP-sized BOLD run (91 x 109 x 91 x 1200
   * float32 is 4.0 GiB) and an HCP DWI's tensor maps, and stays under a usual executor heap.
   */
  public static final MemoryBudget DEFAULT = ofGigabytes(8, "run.task_memory_budget_gb");

  public MemoryBudget {
    if (bytes <= 0) {
      throw new IllegalArgumentException(setting + " must be positive, got " + bytes + " bytes");
    }
  }

  /** A budget of {@code gigabytes} GiB set by {@code setting}. */
  public static MemoryBudget ofGigabytes(double gigabytes, String setting) {
    if (!(gigabytes > 0) || Double.isInfinite(gigabytes)) {
      throw new IllegalArgumentException(setting + " must be a positive number of GB, got "
          + gigabytes);
    }
    return new MemoryBudget((long) Math.min(Long.MAX_VALUE, gigabytes * GIB), setting);
  }

  /**
   * Checks that {@code elements} = the product of {@code dims}, each taking
   * {@code bytesPerElement} bytes in memory, fit this budget and one Java array.
   *
   * @param file the file whose header declared the dimensions
   * @param what what would be allocated ("the atlas labels", "the tensor maps")
   * @return the element count, which fits an {@code int}
   * @throws FormatException when they do not fit, naming the file, the dimensions, the bytes
   *     needed and the budget
   */
  public int arrayLength(String file, String what, long[] dims, long bytesPerElement)
      throws FormatException {
    long elements = elements(file, what, dims);
    long needed = bytesNeeded(file, what, dims, elements, bytesPerElement);
    if (elements > MAX_ARRAY_LENGTH) {
      throw new FormatException(file, what + " for declared dimensions " + text(dims)
           + " would need " + elements + " elements, more than one Java array holds ("
          + MAX_ARRAY_LENGTH + ")");
    }
    require(file, what, dims, needed);
    return (int) elements;
  }

  /**
   * Checks that {@code needed} bytes (computed by the caller for the whole task) fit this
   * budget.
   *
   * @throws FormatException naming the file, the dimensions, the bytes needed and the budget
   */
  public void require(String file, String what, long[] dims, long needed)
      throws FormatException {
    if (needed > bytes) {
      throw new FormatException(file, what + " for declared dimensions " + text(dims)
           + " would need " + gib(needed) + " (" + needed + " bytes), more than the task memory "
          + "budget of " + gib(bytes) + " (" + setting + "): raise " + setting
          + " (and the executor memory) or split the input");
    }
  }

  /** The product of {@code dims} times {@code bytesPerElement}, refused when it overflows. */
  public static long bytesNeeded(String file, String what, long[] dims, long bytesPerElement)
      throws FormatException {
    return bytesNeeded(file, what, dims, elements(file, what, dims), bytesPerElement);
  }

  private static long bytesNeeded(String file, String what, long[] dims, long elements,
      long bytesPerElement) throws FormatException {
    try {
      return Math.multiplyExact(elements, bytesPerElement);
    } catch (ArithmeticException e) {
      throw new FormatException(file, what + " for declared dimensions " + text(dims)
          + " would need more than 2^63 bytes");
    }
  }

  private static long elements(String file, String what, long[] dims)
      throws FormatException {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new FormatException(file, "negative dimension in " + text(dims) + " for " + what);
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new FormatException(file, what + " for declared dimensions " + text(dims)
            + " would need more than 2^63 elements");
      }
    }
    return n;
  }

  private static String text(long[] dims) {
    return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(" x "));
  }

  private static String gib(long b) {
    return String.format(java.util.Locale.ROOT, "%.2f GiB", b / GIB);
  }
}
