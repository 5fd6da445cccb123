package org.sparkconnectome.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the session with the project's defaults. A session that already exists (a test
 * fixture, a notebook) is reused and left running: whoever created it stops it.
 *
 * <p>A default applies only where the user set nothing: spark-submit hands its {@code --conf}
 * pairs, its properties file and {@code spark-defaults.conf} to the driver as {@code spark.*}
 * system properties, which a builder setting would silently override.
 */
public final class SparkSessions {
  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  private SparkSessions() {
  }

  /** Property set on sessions this class created, so that only those are stopped by it. */
  private static final String OWNER_KEY = "spark.connectome.ownedByCommand";

  /** Delta Lake's SQL extension and catalog: the output tables are Delta tables. */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  /** spark-submit names an application without {@code --name} after its main class. */
  private static final String MAIN_CLASS = "org.sparkconnectome.cli.ConnectomeCli";

  /** Shuffles carry small rows (connectomes, QC): few partitions suit a laptop's run. */
  static final String DEFAULT_SHUFFLE_PARTITIONS = "8";

  /** The active session, or a new one configured for connectome jobs. */
  public static SparkSession getOrCreate(String appName, SparkOptions options) {
    SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> null);
    if (existing == null) {
      existing = SparkSession.getDefaultSession().getOrElse(() -> null);
    }
    if (existing != null && !existing.sparkContext().isStopped()) {
      return existing;
    }
    SparkSession.Builder builder = SparkSession.builder();
    // new SparkConf() reads the spark.* system properties, i.e. what spark-submit was given.
    settings(appName, options, new SparkConf()).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * What the builder sets on top of the submitted configuration: the project's defaults for
   * keys the user left unset, Delta Lake's extension added to the user's, and last the
   * {@code --master} and {@code --spark-conf} options of the command itself.
   *
   * @param submitted the configuration spark-submit (or {@code -Dspark.*}) gave the driver
   */
  static Map<String, String> settings(String appName, SparkOptions options, SparkConf submitted) {
    Map<String, String> s = new LinkedHashMap<>();
    // spark-submit without --name names the application after its main class: no user choice.
    if (submitted.get("spark.app.name", MAIN_CLASS).equals(MAIN_CLASS)) {
      s.put("spark.app.name", "connectome " + appName);
    }
    String master = options.master != null ? options.master
        : submitted.get("spark.master", SparkOptions.LOCAL_MASTER);
    if (options.master != null || !submitted.contains("spark.master")) {
      s.put("spark.master", master);
    }
    setIfUnset(s, submitted, "spark.ui.showConsoleProgress", "false");
    setIfUnset(s, submitted, "spark.sql.shuffle.partitions", DEFAULT_SHUFFLE_PARTITIONS);
    String extensions = submitted.get("spark.sql.extensions", "").trim();
    if (extensions.isEmpty()) {
      s.put("spark.sql.extensions", DELTA_EXTENSION);
    } else if (!List.of(extensions.split("\\s*,\\s*")).contains(DELTA_EXTENSION)) {
      // The output tables need Delta's extension; the user's own extensions stay in front.
      s.put("spark.sql.extensions", extensions + "," + DELTA_EXTENSION);
    }
    String catalog = "spark.sql.catalog.spark_catalog";
    if (!submitted.contains(catalog)) {
      s.put(catalog, DELTA_CATALOG);
    } else if (!submitted.get(catalog).equals(DELTA_CATALOG)) {
      LOG.warn("{}={} is not Delta's catalog ({}): reading and writing the output tables "
          + "may fail; set it to {} unless that catalog wraps Delta's", catalog,
          submitted.get(catalog), DELTA_CATALOG, DELTA_CATALOG);
    }
    if (master.startsWith("local")) {
      // Local mode talks only to itself: keep the driver on loopback.
      setIfUnset(s, submitted, "spark.driver.host", "127.0.0.1");
      setIfUnset(s, submitted, "spark.driver.bindAddress", "127.0.0.1");
      // Our tables hold few files: Delta's default 50 partitions to rebuild a table's state
      // are 50 tasks per commit on a laptop's cores, for no work.
      setIfUnset(s, submitted, "spark.databricks.delta.snapshotPartitions", "2");
    }
    s.put(OWNER_KEY, "true");
    // The command's own --spark-conf pairs are the most explicit choice: they win.
    s.putAll(options.conf());
    return s;
  }

  private static void setIfUnset(Map<String, String> s, SparkConf submitted, String key,
      String value) {
    if (!submitted.contains(key)) {
      s.put(key, value);
    }
  }

  /** Stops the session when this class created it. */
  public static void stopIfOwned(SparkSession spark) {
    if (spark.conf().contains(OWNER_KEY)
        && "true".equals(spark.conf().get(OWNER_KEY))) {
      spark.stop();
    }
  }
}
