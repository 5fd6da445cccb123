package org.sparkconnectome.testing;

import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.spark.SparkSessions;

/**
 * One local Spark session for the whole test JVM (as Spark's own SharedSparkSession): starting
 * Spark costs seconds, so test classes share it, and a shutdown hook stops it.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {
  }

  /** The shared session, created on first use with two local cores. */
  public static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder()
          .appName("connectome-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.extensions", SparkSessions.DELTA_EXTENSION)
          .config("spark.sql.catalog.spark_catalog", SparkSessions.DELTA_CATALOG)
          .getOrCreate();
      SparkSession created = session;
      Runtime.getRuntime().addShutdownHook(new Thread(created::stop));
    }
    return session;
  }
}
