package org.sparkconnectome.share;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for subject and session labels: the first 12 hex digits of
 * HMAC-SHA256(key, "sub-LABEL") (or "ses-LABEL"), a valid BIDS label that is the same on every
 * night with the same key and cannot be inverted without it. Only the cohort's own labels are
 * replaced in free text, so that a region named "sub-cortical" stays as it is.
 */
public final class LabelPseudonyms implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Hex digits kept: 48 bits, collisions checked for the cohort. */
  static final int DIGITS = 12;
  private static final Pattern ENTITY =
      Pattern.compile("(?<![A-Za-z0-9])(sub|ses)-([A-Za-z0-9]+)");

  private final byte[] key;
  private final Set<String> subjects;
  private final Set<String> sessions;
  private final Map<String, String> cache = new HashMap<>();

  /** Pseudonyms under {@code key} for these subject and session labels (without prefixes). */
  public LabelPseudonyms(byte[] key, Set<String> subjects, Set<String> sessions) {
    if (key.length < 16) {
      throw new IllegalArgumentException("a pseudonym key needs at least 16 bytes, got "
          + key.length);
    }
    this.key = key.clone();
    this.subjects = Set.copyOf(subjects);
    this.sessions = Set.copyOf(sessions);
    requireDistinct("sub", this.subjects);
    requireDistinct("ses", this.sessions);
  }

  /** The subject labels replaced. */
  public Set<String> subjects() {
    return subjects;
  }

  /** The session labels replaced. */
  public Set<String> sessions() {
    return sessions;
  }

  /** The pseudonym of a label of an entity ({@code sub} or {@code ses}); null stays null. */
  public synchronized String of(String entity, String label) {
    if (label == null) {
      return null;
    }
    return cache.computeIfAbsent(entity + "-" + label, LabelPseudonyms.this::hmac);
  }

  /** The pseudonym of a bare subject label, or the value itself when it is no known label. */
  public String subject(String label) {
    return label != null && subjects.contains(label) ? of("sub", label) : label;
  }

  /** The pseudonym of a bare session label, or the value itself when it is no known label. */
  public String session(String label) {
    return label != null && sessions.contains(label) ? of("ses", label) : label;
  }

  /** Text with every {@code sub-X} and {@code ses-Y} of the cohort's labels replaced. */
  public String rewrite(String text) {
    if (text == null || (!text.contains("sub-") && !text.contains("ses-"))) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String entity = m.group(1);
      String label = m.group(2);
      boolean known = entity.equals("sub") ? subjects.contains(label) : sessions.contains(label);
      String replacement = known ? entity + "-" + of(entity, label) : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String hmac(String entityLabel) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(entityLabel.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; hex.length() < DIGITS; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.substring(0, DIGITS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  private void requireDistinct(String entity, Set<String> labels) {
    Set<String> seen = new HashSet<>();
    for (String label : labels) {
      if (!seen.add(of(entity, label))) {
        throw new IllegalStateException("two " + entity + " labels share a pseudonym: use "
            + "another key");
      }
    }
  }
}
