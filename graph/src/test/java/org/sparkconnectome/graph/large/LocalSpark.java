package org.sparkconnectome.graph.large;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for the graph module's GraphX tests, stopped at JVM exit. */
final class LocalSpark {
  private static SparkSession session;

  private LocalSpark() {
  }

  static synchronized SparkSession get() {
    if (session == null || session.sparkContext().isStopped()) {
      session = SparkSession.builder()
          .appName("graph-tests")
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .getOrCreate();
      SparkSession created = session;
      Runtime.getRuntime().addShutdownHook(new Thread(created::stop));
    }
    return session;
  }
}
