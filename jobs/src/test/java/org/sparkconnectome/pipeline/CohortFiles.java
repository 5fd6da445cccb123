package org.sparkconnectome.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File-tree helpers for pipeline tests: copies, removals and content fingerprints. */
final class CohortFiles {
  private CohortFiles() {
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Removes a folder and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** SHA-256 of every derivative file under {@code sub-*}, by relative path. */
  static Map<String, String> derivativeHashes(Path out) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    if (!Files.isDirectory(out)) {
      return hashes;
    }
    try (Stream<Path> paths = Files.walk(out)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        String relative = out.relativize(p).toString();
        if (relative.startsWith("sub-")) {
          hashes.put(relative, sha256(Files.readAllBytes(p)));
        }
      }
    }
    return hashes;
  }

  /**
   * Asserts two output trees hold the same derivative files with the same content: TSV numbers
   * equal to 1e-9 (native BLAS may round the last bits differently between runs), other files
   * byte for byte.
   */
  static void assertSameOutputs(Path expected, Path actual) throws IOException {
    Map<String, String> want = derivativeHashes(expected);
    Map<String, String> got = derivativeHashes(actual);
    org.junit.jupiter.api.Assertions.assertEquals(want.keySet(), got.keySet(), "file sets");
    for (String file : want.keySet()) {
      if (want.get(file).equals(got.get(file))) {
        continue;
      }
      org.junit.jupiter.api.Assertions.assertTrue(file.endsWith(".tsv"), file + " differs");
      java.util.List<String> a = Files.readAllLines(expected.resolve(file));
      java.util.List<String> b = Files.readAllLines(actual.resolve(file));
      org.junit.jupiter.api.Assertions.assertEquals(a.size(), b.size(), file);
      for (int i = 0; i < a.size(); i++) {
        String[] x = a.get(i).split("\t", -1);
        String[] y = b.get(i).split("\t", -1);
        org.junit.jupiter.api.Assertions.assertEquals(x.length, y.length, file + " line " + i);
        for (int j = 0; j < x.length; j++) {
          if (x[j].equals(y[j])) {
            continue;
          }
          double u = Double.parseDouble(x[j]);
          double v = Double.parseDouble(y[j]);
          org.junit.jupiter.api.Assertions.assertEquals(u, v, 1e-9 * Math.max(1, Math.abs(u)),
              file + " line " + i + " column " + j);
        }
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
