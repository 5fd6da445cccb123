package org.sparkconnectome.kernels;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one loud log line of a backend that could not load, written once per JVM and reason so
 * that every task of an executor does not repeat it.
 */
public final class BackendFallback {

  private static final System.Logger LOG = System.getLogger("org.sparkconnectome.kernels");
  private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

  private BackendFallback() {
  }

  /**
   * Logs "{@code <backend> unavailable (<reason>): using the JVM backend for <loop>}", at WARNING
   * when the user asked for that backend and at INFO when AUTO only probed for it.
   */
  public static void announce(ComputeBackend requested, String backend, String reason,
      String loop) {
    String line = backend + " unavailable (" + reason + "): using the JVM backend for " + loop;
    if (ANNOUNCED.add(line + requested)) {
      LOG.log(requested == ComputeBackend.AUTO ? Level.INFO : Level.WARNING, line);
    }
  }
}
