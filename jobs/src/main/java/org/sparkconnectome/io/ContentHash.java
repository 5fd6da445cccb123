package org.sparkconnectome.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a file's bytes: the identity the nightly job compares to decide whether a run
 * changed. Content rather than modification time, because copies and re-uploads keep content.
 */
public final class ContentHash {
  private ContentHash() {
  }

  /** Hex SHA-256 of a text (UTF-8). */
  public static String sha256(String text) {
    MessageDigest digest = sha256Digest();
    return "sha256:" + HexFormat.of().formatHex(
        digest.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** Hex SHA-256 of everything the source holds, read once as a stream. */
  public static String sha256(DataSource source) throws IOException {
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = source.openStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
