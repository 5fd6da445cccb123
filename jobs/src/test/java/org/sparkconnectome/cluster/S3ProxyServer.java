package org.sparkconnectome.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible object store on 127.0.0.1: S3Proxy with jclouds' in-memory backend, run from
 * its single jar (copied to target/s3proxy by the build) as its own process, requiring AWS
 * signatures made with one access key and secret.
 */
final class S3ProxyServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final String endpoint;
  private final String accessKey;
  private final String secretKey;

  private S3ProxyServer(ChildProcess process, String endpoint, String accessKey,
      String secretKey) {
    this.process = process;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  static S3ProxyServer start(Path dir, Path log, String accessKey, String secretKey)
      throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("S3Proxy jar not found at '" + jar + "': run the "
          + "integration tests through 'mvn verify' (pre-integration-test copies it)");
    }
    int port = LoopbackPorts.free();
    String endpoint = "http://" + LoopbackPorts.HOST + ":" + port;
    Path properties = Files.createDirectories(dir).resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + accessKey,
        "s3proxy.credential=" + secretKey,
        "jclouds.provider=transient",
        "jclouds.identity=backend",
        "jclouds.credential=backend",
        ""));
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-jar", jar, "--properties", properties.toString());
    ChildProcess process = ChildProcess.start("s3proxy", cmd, Map.of(), log);
    S3ProxyServer server = new S3ProxyServer(process, endpoint, accessKey, secretKey);
    try {
      server.awaitListening(port);
      return server;
    } catch (InterruptedException | RuntimeException | AssertionError e) {
      process.kill();
      throw e;
    }
  }

  private void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 500);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("S3Proxy did not listen on port " + port + ":\n"
              + process.tail());
        }
        Thread.sleep(200);
      }
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  String endpoint() {
    return endpoint;
  }

  /** Creates a bucket (S3A reads and writes objects but never creates buckets). */
  void createBucket(String bucket) {
    try (S3Client s3 = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKey, secretKey)))
        .build()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  String log() {
    return process.log();
  }

  @Override
  public void close() throws InterruptedException {
    process.kill();
  }
}
