package org.sparkconnectome.spark;

import java.io.Serializable;
import java.util.function.Function;
import org.sparkconnectome.kernels.ComputeBackend;

/**
 * A hot loop's implementation for a {@link ComputeBackend}, created once per executor JVM and
 * shared by its tasks (a GPU context or a compiled OpenCL program is costly to set up), made
 * again only when a task asks for another backend. Held in a static field of the job that uses
 * it; its factory must be a static method reference.
 */
public final class PerExecutor<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Function<ComputeBackend, T> factory;
  private transient T instance;
  private transient ComputeBackend chosen;

  public PerExecutor(Function<ComputeBackend, T> factory) {
    this.factory = factory;
  }

  /** The instance for {@code backend}. */
  public synchronized T get(ComputeBackend backend) {
    if (instance == null || chosen != backend) {
      instance = factory.apply(backend);
      chosen = backend;
    }
    return instance;
  }
}
