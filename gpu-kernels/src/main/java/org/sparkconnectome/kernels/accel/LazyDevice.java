package org.sparkconnectome.kernels.accel;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A device context opened at most once per JVM, on first use, shared by every caller. Opening
 * never throws: a failure (a missing native library included) is remembered as the one line a
 * user reads, and the device stays empty.
 *
 * @param <T> what opening gives
 */
final class LazyDevice<T> {
  private final Supplier<? extends T> opener;
  private final Function<Throwable, String> describer;
  private boolean tried;
  private T device;
  private String failure;

  /**
   * @param opener opens the device, throwing (a {@link LinkageError} or a runtime exception)
   *     when it cannot
   * @param describer the reason a user reads for what {@code opener} threw
   */
  LazyDevice(Supplier<? extends T> opener, Function<Throwable, String> describer) {
    this.opener = opener;
    this.describer = describer;
  }

  /** The device, opened on the first call; empty if it could not be. */
  synchronized Optional<T> get() {
    if (!tried) {
      tried = true;
      try {
        device = opener.get();
      } catch (LinkageError | RuntimeException e) {
        failure = describer.apply(e);
      }
    }
    return Optional.ofNullable(device);
  }

  /** Why {@link #get()} is empty, or null if it is not. */
  synchronized String unavailableReason() {
    get();
    return failure;
  }
}
