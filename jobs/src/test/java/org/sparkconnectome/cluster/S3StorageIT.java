package org.sparkconnectome.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparkconnectome.cli.ConnectomeCli;
import org.sparkconnectome.testing.CapturedLogs;
import org.sparkconnectome.testing.SharedSpark;
import picocli.CommandLine;

/**
 * {@code connectome run} with its input and output on {@code s3a://}, against an S3-compatible
 * server on 127.0.0.1 through hadoop-aws, credentials from Hadoop configuration (the
 * SimpleAWSCredentialsProvider); tables are Delta commits, files are staged then published.
 */
@Tag("spark")
@Tag("slow")
class S3StorageIT {
  private static final String BUCKET = "cohort";
  private static final String ACCESS_KEY = "connectome-test";
  /** Random per run, so that finding it anywhere can only mean it leaked. */
  private static final String SECRET_KEY = "secret-" + UUID.randomUUID();
  private static final Path LOGS = Path.of("target", "s3-it");
  /** What the pipeline's tables need for S3: no output may depend on a rename. */
  private static final Map<String, String> SQL_CONF = Map.of(
      "spark.sql.sources.commitProtocolClass",
      "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
      "spark.sql.parquet.output.committer.class",
      "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");

  @TempDir
  static Path dir;
  private static S3ProxyServer server;
  private static Path localOut;
  private static int exitCode;
  private static String cliOutput;
  private static String logs;
  private static List<String> hadoopKeys;

  @BeforeAll
  static void runOnS3() throws Exception {
    Files.createDirectories(LOGS);
    server = S3ProxyServer.start(dir.resolve("s3proxy"), LOGS.resolve("s3proxy.log"),
        ACCESS_KEY, SECRET_KEY);
    server.createBucket(BUCKET);
    SparkSession spark = SharedSpark.get();

    LocalReference reference = LocalReference.get();
    localOut = reference.out();

    Map<String, String> s3a = s3aSettings(server.endpoint());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    s3a.forEach(hadoop::set);
    hadoopKeys = new ArrayList<>(s3a.keySet());
    SQL_CONF.forEach(spark.conf()::set);

    org.apache.hadoop.fs.Path bids = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/bids");
    FileSystem s3 = bids.getFileSystem(hadoop);
    s3.copyFromLocalFile(false, true,
        new org.apache.hadoop.fs.Path(reference.bids().toUri()), bids);

    StringWriter out = new StringWriter();
    try (CapturedLogs captured = new CapturedLogs()) {
      CommandLine cli = ConnectomeCli.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(out, true));
      exitCode = cli.execute("run", "--bids", "s3a://" + BUCKET + "/bids",
          "--out", "s3a://" + BUCKET + "/out");
      logs = captured.text();
    }
    cliOutput = out.toString();
    Files.writeString(LOGS.resolve("run.log"), cliOutput + "\n" + logs);
  }

  /** The settings docs/operations.md gives for an S3-compatible store. */
  static Map<String, String> s3aSettings(String endpoint) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint);
    s.put("fs.s3a.endpoint.region", "us-east-1");
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("fs.s3a.access.key", ACCESS_KEY);
    s.put("fs.s3a.secret.key", SECRET_KEY);
    s.put("fs.s3a.committer.name", "magic");
    s.put("fs.s3a.committer.magic.enabled", "true");
    return s;
  }

  @AfterAll
  static void stopServer() throws Exception {
    SparkSession spark = SharedSpark.get();
    SQL_CONF.keySet().forEach(spark.conf()::unset);
    if (hadoopKeys != null) {
      // Only the S3A client goes: the other tests keep the shared session's file systems.
      out().getFileSystem(hadoopConf()).close();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      hadoopKeys.forEach(hadoop::unset);
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void runOnS3GivesTheResultsOfLocalMode() throws IOException {
    assertEquals(0, exitCode, cliOutput);
    assertTrue(cliOutput.contains("runs: 8 computed, 0 skipped, 0 failed"), cliOutput);
    Path fromS3 = dir.resolve("from-s3");
    FileSystem s3 = out().getFileSystem(hadoopConf());
    s3.copyToLocalFile(false, out(), new org.apache.hadoop.fs.Path(fromS3.toUri()), true);
    OutputComparison.assertSameResults(SharedSpark.get(), localOut, fromS3);
  }

  /**
   * The tables are Delta tables: data files are written once in place and a table version is
   * made visible by one new object in {@code _delta_log} (no rename anywhere), so the S3A
   * committers have nothing to do for them. Every table must have its log, and no work files of
   * a commit may be left behind.
   */
  @Test
  void tablesAreDeltaCommitsWithoutRenames() throws IOException {
    assertEquals(0, exitCode, cliOutput);
    FileSystem s3 = out().getFileSystem(hadoopConf());
    int tables = 0;
    for (var table : s3.listStatus(new org.apache.hadoop.fs.Path(out(), "tables"))) {
      org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(table.getPath(),
          "_delta_log/00000000000000000000.json");
      assertTrue(s3.exists(log), "no Delta commit for " + table.getPath());
      tables++;
    }
    assertTrue(tables >= 5, "Delta tables on S3: " + tables);
    RemoteIterator<LocatedFileStatus> files = s3.listFiles(out(), true);
    while (files.hasNext()) {
      String path = files.next().getPath().toString();
      assertFalse(path.contains("/_temporary") || path.contains("/__magic")
          || path.contains("/.staging/"), "work files of a commit left behind: " + path);
    }
  }

  @Test
  void theSecretKeyIsWrittenNowhere() throws IOException {
    assertEquals(0, exitCode, cliOutput);
    assertTrue(logs.contains("s3a://" + BUCKET), "the captured logs saw the S3 run");
    assertFalse(logs.contains(SECRET_KEY), "secret key in the logs");
    assertFalse(cliOutput.contains(SECRET_KEY), "secret key in the command's output");
    FileSystem s3 = out().getFileSystem(hadoopConf());
    RemoteIterator<LocatedFileStatus> files = s3.listFiles(out(), true);
    int checked = 0;
    while (files.hasNext()) {
      org.apache.hadoop.fs.Path file = files.next().getPath();
      assertFalse(read(s3, file).contains(SECRET_KEY), "secret key in " + file);
      checked++;
    }
    assertTrue(checked > 50, "objects checked: " + checked);
    // Parquet pages are compressed: look at the values as well as the bytes.
    SparkSession spark = SharedSpark.get();
    for (var table : s3.listStatus(new org.apache.hadoop.fs.Path(out(), "tables"))) {
      for (Row row : spark.read().parquet(table.getPath().toString()).collectAsList()) {
        assertFalse(row.toString().contains(SECRET_KEY), "secret key in " + table.getPath());
      }
    }
  }

  private static org.apache.hadoop.fs.Path out() {
    return new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/out");
  }

  private static Configuration hadoopConf() {
    return SharedSpark.get().sparkContext().hadoopConfiguration();
  }

  private static String read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
