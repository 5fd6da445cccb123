package org.sparkconnectome.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the session with the project's defaults. A session that already exists (a test
 * fixture, a notebook) is reused and left running: whoever created it stops it.
 */
public final class SparkSessions {
  private SparkSessions() {
  }

  /** Property set on sessions this class created, so that only those are stopped by it. */
  private static final String OWNER_KEY = "spark.connectome.ownedByCommand";

  /** Delta Lake's SQL extension and catalog: the output tables are Delta tables. */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /** The active session, or a new one configured for connectome jobs. */
  public static SparkSession getOrCreate(String appName, SparkOptions options) {
    SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> null);
    if (existing == null) {
      existing = SparkSession.getDefaultSession().getOrElse(() -> null);
    }
    if (existing != null && !existing.sparkContext().isStopped()) {
      return existing;
    }
    String master = options.masterOrDefault();
    SparkSession.Builder builder = SparkSession.builder()
        .appName("connectome " + appName)
        .master(master)
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.extensions", DELTA_EXTENSION)
        .config("spark.sql.catalog.spark_catalog", DELTA_CATALOG)
        .config(OWNER_KEY, "true");
    if (master.startsWith("local")) {
      // Local mode talks only to itself: keep the driver on loopback.
      builder.config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkCommand.applyConf(builder, options.conf());
    return builder.getOrCreate();
  }

  /** Stops the session when this class created it. */
  public static void stopIfOwned(SparkSession spark) {
    if (spark.conf().contains(OWNER_KEY)
        && "true".equals(spark.conf().get(OWNER_KEY))) {
      spark.stop();
    }
  }
}
