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

/** File-tree helpers for pipeline tests: copies and content fingerprints. */
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

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
