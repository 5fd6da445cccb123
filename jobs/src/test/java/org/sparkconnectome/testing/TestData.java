package org.sparkconnectome.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the shared reference files and the committed sample cohort are. */
public final class TestData {
  private TestData() {
  }

  /** {@code ../shared/testdata}, passed by Maven; fails loudly when it is missing. */
  public static Path shared() {
    String dir = System.getProperty("shared.testdata");
    if (dir == null || !Files.isDirectory(Path.of(dir))) {
      throw new IllegalStateException("shared test data not found at '" + dir
          + "': the tests need ../shared/testdata beside the project (set -Dshared.testdata)");
    }
    return Path.of(dir);
  }

  /** A file of {@code shared/testdata/formats}. */
  public static Path format(String name) {
    return shared().resolve("formats").resolve(name);
  }

  /** The project root (where pom.xml is). */
  public static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("data-samples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root with data-samples/ not found above "
          + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** The committed sample cohort. */
  public static Path sampleCohort() {
    return projectRoot().resolve("data-samples").resolve("sample-cohort");
  }
}
