package org.sparkconnectome.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The session's settings keep what the user gave spark-submit ({@code --conf}, a properties file,
 * {@code spark-defaults.conf}: all reach the driver as {@code spark.*} system properties) and
 * fill in the project's defaults only where the user set nothing.
 */
class SparkSessionsTest {

  @Test
  void defaultsApplyWhereNothingWasSubmitted() {
    SparkConf effective = effective(new SparkConf(false), options());
    assertEquals(SparkSessions.DEFAULT_SHUFFLE_PARTITIONS,
        effective.get("spark.sql.shuffle.partitions"));
    assertEquals("false", effective.get("spark.ui.showConsoleProgress"));
    assertEquals("local[*]", effective.get("spark.master"));
    assertEquals("connectome run", effective.get("spark.app.name"));
    assertEquals(SparkSessions.DELTA_EXTENSION, effective.get("spark.sql.extensions"));
    assertEquals(SparkSessions.DELTA_CATALOG, effective.get("spark.sql.catalog.spark_catalog"));
    assertEquals("127.0.0.1", effective.get("spark.driver.host"));
  }

  @Test
  void submittedSettingsWin() {
    SparkConf submitted = new SparkConf(false)
        .set("spark.sql.shuffle.partitions", "3")
        .set("spark.ui.showConsoleProgress", "true")
        .set("spark.master", "spark://master.example.org:7077")
        .set("spark.app.name", "nightly abcd")
        .set("spark.sql.extensions", "org.example.SiteExtension");
    Map<String, String> settings = SparkSessions.settings("run", options(), submitted);
    assertFalse(settings.containsKey("spark.sql.shuffle.partitions"), settings.toString());
    assertFalse(settings.containsKey("spark.master"), settings.toString());
    assertFalse(settings.containsKey("spark.driver.host"), "not local: Spark's own choice");
    SparkConf effective = effective(submitted, options());
    assertEquals("3", effective.get("spark.sql.shuffle.partitions"));
    assertEquals("true", effective.get("spark.ui.showConsoleProgress"));
    assertEquals("spark://master.example.org:7077", effective.get("spark.master"));
    assertEquals("nightly abcd", effective.get("spark.app.name"));
    assertEquals("org.example.SiteExtension," + SparkSessions.DELTA_EXTENSION,
        effective.get("spark.sql.extensions"), "the user's extensions stay, Delta's is added");
  }

  @Test
  void sparkSubmitSystemPropertiesWin() {
    // spark-submit --conf spark.sql.shuffle.partitions=3 reaches the driver like this.
    String key = "spark.sql.shuffle.partitions";
    String before = System.getProperty(key);
    System.setProperty(key, "3");
    try {
      assertEquals("3", effective(new SparkConf(), options()).get(key));
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void commandOptionsWinOverEverything() {
    SparkConf submitted = new SparkConf(false)
        .set("spark.sql.shuffle.partitions", "3")
        .set("spark.master", "spark://master.example.org:7077");
    SparkConf effective = effective(submitted,
        options("--master", "local[2]", "--spark-conf", "spark.sql.shuffle.partitions=5"));
    assertEquals("5", effective.get("spark.sql.shuffle.partitions"));
    assertEquals("local[2]", effective.get("spark.master"));
  }

  @Test
  void sparkSubmitsDefaultNameIsReplaced() {
    SparkConf submitted = new SparkConf(false)
        .set("spark.app.name", "org.sparkconnectome.cli.ConnectomeCli");
    assertEquals("connectome run", effective(submitted, options()).get("spark.app.name"));
  }

  /** What the session ends up with: the submitted conf, then the builder's settings. */
  private static SparkConf effective(SparkConf submitted, SparkOptions options) {
    SparkConf effective = submitted.clone();
    SparkSessions.settings("run", options, submitted).forEach(effective::set);
    return effective;
  }

  private static SparkOptions options(String... args) {
    SparkOptions options = new SparkOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
