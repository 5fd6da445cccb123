package org.sparkconnectome.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparkconnectome.sample.EegCohortGenerator;
import org.sparkconnectome.sample.EegSampleSpec;

/** Where the committed reference files and the committed sample cohort are. */
public final class TestData {
  /** Set by Maven to {@code data-samples/reference}; found from the working directory if not. */
  public static final String PROPERTY = "reference.data";

  private TestData() {
  }

  /**
   * {@code data-samples/reference}: the real files and peer reference values the tests compare
   * against (see its README). Fails loudly, never skips, when it is missing.
   */
  public static Path reference() {
    String dir = System.getProperty(PROPERTY);
    Path path = dir != null ? Path.of(dir)
        : projectRoot().resolve("data-samples").resolve("reference");
    if (!Files.isDirectory(path.resolve("formats"))) {
      throw new IllegalStateException("reference data not found at '" + path
          + "': it is committed under data-samples/reference (set -D" + PROPERTY + ")");
    }
    return path;
  }

  /** A file of {@code data-samples/reference/formats}. */
  public static Path format(String name) {
    return formats().resolve(name);
  }

  /** {@code data-samples/reference/formats}: the real NIfTI, tractogram and gradient files. */
  public static Path formats() {
    return reference().resolve("formats");
  }

  /** A reference file of {@code data-samples/reference/<folder>}, which must exist. */
  public static Path referenceFile(String folder, String name) {
    Path file = reference().resolve(folder).resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing reference file " + file);
    }
    return file;
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

  /**
   * Generates the default EEG sample cohort ({@code connectome sample --eeg}: 8 subjects, seed
   * 42, 60 s; see docs/eeg-sample.md) into {@code dir}, in-process, and returns its generator
   * (for {@code plan(s)} and {@code signals(s)}). About a second.
   */
  public static EegCohortGenerator eegSampleCohort(Path dir) throws IOException {
    return eegSampleCohort(dir, EegSampleSpec.defaults(8, 42));
  }

  /** Generates an EEG sample cohort of the given shape into {@code dir}. */
  public static EegCohortGenerator eegSampleCohort(Path dir, EegSampleSpec spec)
      throws IOException {
    EegCohortGenerator generator = new EegCohortGenerator(spec);
    generator.generate(dir);
    return generator;
  }
}
