package org.sparkconnectome.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every Spark command shares. Under spark-submit the master and configuration come from
 * spark-submit itself; {@code bin/connectome} defaults to local mode on all cores.
 */
public final class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "Extra Spark configuration; repeatable (e.g. spark.executor.memory=2g).")
  Map<String, String> conf = new LinkedHashMap<>();

  /** The master when neither {@code --master} nor spark-submit set one: all local cores. */
  static final String LOCAL_MASTER = "local[*]";

  public Map<String, String> conf() {
    return conf;
  }
}
