package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.deploy.SparkSubmitArguments;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparkconnectome.testing.TestData;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The cluster profiles of conf/profiles/ run against a stub {@code spark-submit} that records its
 * arguments; Spark's own parser (SparkSubmitArguments, as spark-submit uses it) then reads them
 * with a site {@code $SPARK_HOME/conf/spark-defaults.conf}. The site's settings must survive
 * next to the project's: a bare {@code --properties-file} makes Spark skip the site's file.
 */
class ClusterProfilesTest {

  /** A setting only the site's spark-defaults.conf has (an event log, a history server). */
  private static final String SITE_ONLY = "spark.eventLog.dir";

  @ParameterizedTest
  @ValueSource(strings = {"standalone.sh", "yarn.sh", "kubernetes.sh"})
  void profileKeepsTheSitesSparkDefaults(String profile, @TempDir Path dir) throws Exception {
    Path sparkHome = dir.resolve("spark");
    Files.createDirectories(sparkHome.resolve("bin"));
    Files.createDirectories(sparkHome.resolve("conf"));
    Path stub = sparkHome.resolve("bin").resolve("spark-submit");
    Files.writeString(stub, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$CAPTURE\"\n");
    Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(sparkHome.resolve("conf").resolve("spark-defaults.conf"),
        SITE_ONLY + "  hdfs:///spark-history\n"
            + "spark.sql.shuffle.partitions  500\n");
    // A CONNECTOME_HOME with the real conf/ and a built jar, as after 'mvn package'.
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("jobs").resolve("target"));
    Files.createFile(home.resolve("jobs").resolve("target").resolve("connectome-jobs-0.jar"));
    Files.createSymbolicLink(home.resolve("conf"), TestData.projectRoot().resolve("conf"));
    Path capture = dir.resolve("args.txt");

    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("CONNECTOME_HOME", home.toString());
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("CAPTURE", capture.toString());
    env.put("SPARK_MASTER", "spark://127.0.0.1:7077");
    env.put("HADOOP_CONF_DIR", dir.toString());
    env.put("K8S_API", "https://127.0.0.1:6443");
    env.put("CONNECTOME_IMAGE", "registry.example.org/spark-connectome:0");
    ProcessBuilder pb = new ProcessBuilder("bash",
        TestData.projectRoot().resolve("conf/profiles").resolve(profile).toString(),
        "run", "--bids", "s3a://b/bids", "--out", "s3a://b/out")
        .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), profile + " did not finish");
    assertEquals(0, p.exitValue(), profile + " failed:\n" + output);
    List<String> args = Files.readAllLines(capture, StandardCharsets.UTF_8);

    if (args.contains("--properties-file")) {
      assertTrue(args.contains("--load-spark-defaults"), profile + " passes --properties-file "
          + "without --load-spark-defaults: the site's spark-defaults.conf is ignored: " + args);
    }
    SparkSubmitArguments parsed = new SparkSubmitArguments(
        CollectionConverters.asScala(args).toList(),
        scala.collection.immutable.Map.from(CollectionConverters.asScala(env)));
    Map<String, String> properties = CollectionConverters.asJava(parsed.sparkProperties());
    assertEquals("hdfs:///spark-history", properties.get(SITE_ONLY),
        profile + ": the site's spark-defaults.conf was not read: " + properties);
    assertEquals("64", properties.get("spark.sql.shuffle.partitions"),
        profile + ": the project's conf/spark-defaults.conf comes before the site's");
    assertEquals("org.apache.spark.serializer.JavaSerializer",
        properties.get("spark.serializer"), profile + ": the project's settings are missing");
    assertEquals("org.sparkconnectome.cli.ConnectomeCli", parsed.mainClass());
    assertEquals(List.of("run", "--bids", "s3a://b/bids", "--out", "s3a://b/out"),
        CollectionConverters.asJava(parsed.childArgs()));
  }
}
