package org.sparkconnectome.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sparkconnectome.testing.TestData;

/**
 * What a child JVM needs to run Spark from this build: Spark's jars (the provided classpath that
 * {@code package} writes to launcher-classpath.txt), the shaded jobs jar, and the JVM options
 * of conf/jvm-options. Failsafe runs after {@code package}, so both files exist there.
 */
record SparkRuntime(String classpath, Path jobsJar, List<String> jvmOptions) {

  static SparkRuntime ofThisBuild() {
    Path root = TestData.projectRoot();
    Path target = root.resolve("jobs/target");
    Path cpFile = target.resolve("launcher-classpath.txt");
    try {
      if (!Files.isRegularFile(cpFile)) {
        throw new IllegalStateException(cpFile + " is missing: run the integration tests "
            + "through 'mvn verify' (it is written at package)");
      }
      String classpath = Files.readString(cpFile).trim();
      Path jar;
      try (Stream<Path> files = Files.list(target)) {
        jar = files.filter(p -> p.getFileName().toString().matches("connectome-jobs-.*\\.jar"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no shaded connectome-jobs-*.jar in "
                + target + ": run 'mvn package' first"));
      }
      List<String> options = new ArrayList<>();
      for (String line : Files.readAllLines(root.resolve("conf/jvm-options"))) {
        String trimmed = line.trim();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          options.add(trimmed);
        }
      }
      return new SparkRuntime(classpath, jar, List.copyOf(options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java <options> -Xmx<heap> <extra options> -cp <Spark's jars> <main> <args>}. */
  List<String> javaCommand(String heap, List<String> extraOptions, String main,
      List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Xmx" + heap);
    cmd.addAll(extraOptions);
    cmd.add("-cp");
    cmd.add(classpath);
    cmd.add(main);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * {@code connectome ARGS} as {@code bin/connectome} runs it (local mode unless the arguments
   * say otherwise): the jobs jar before Spark's jars, our log4j2 settings, {@code -Xmx<heap>}.
   */
  List<String> cliCommand(String heap, List<String> extraOptions, List<String> args) {
    Path root = TestData.projectRoot();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Xmx" + heap);
    cmd.add("-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"));
    cmd.add("-Dconnectome.home=" + root);
    cmd.addAll(extraOptions);
    cmd.add("-cp");
    cmd.add(jobsJar + java.io.File.pathSeparator + classpath);
    cmd.add("org.sparkconnectome.cli.ConnectomeCli");
    cmd.addAll(args);
    return cmd;
  }
}
