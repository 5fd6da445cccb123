package org.sparkconnectome.formats.eeg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The INI-style text of a BrainVision header or marker file, read as MNE-Python reads it: the
 * {@code Codepage} it declares (UTF-8 by default, {@code ANSI} as cp1252, Latin-1 when that
 * fails), sections by name, keys case-insensitive, values stripped, {@code ;}/{@code #}
 * comment lines; nothing after {@code [Comment]}.
 */
final class IniText {
  private static final Pattern CODEPAGE = Pattern.compile("Codepage=(.+)");

  final String firstLine;
  final String text;
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  private IniText(String firstLine, String text) {
    this.firstLine = firstLine;
    this.text = text;
    String params = text;
    int comment = text.indexOf("[Comment]");
    if (comment >= 0) {
      params = text.substring(0, comment);
    }
    Map<String, String> current = null;
    for (String raw : params.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = sections.computeIfAbsent(line.substring(1, line.length() - 1),
            k -> new LinkedHashMap<>());
        continue;
      }
      if (current == null) {
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (at > 0) {
        current.put(line.substring(0, at).strip().toLowerCase(Locale.ROOT),
            line.substring(at + 1).strip());
      }
    }
  }

  /** Decodes the file: first line as ASCII, the rest in its declared code page. */
  static IniText decode(byte[] bytes) {
    int newline = 0;
    while (newline < bytes.length && bytes[newline] != '\n') {
      newline++;
    }
    String first = new String(bytes, 0, newline, StandardCharsets.US_ASCII).strip();
    int restAt = Math.min(bytes.length, newline + 1);
    String ascii = new String(bytes, restAt, bytes.length - restAt, StandardCharsets.US_ASCII);
    Matcher m = CODEPAGE.matcher(ascii);
    String codepage = m.find() ? m.group(1).strip() : "utf-8";
    if (codepage.equals("ANSI")) {
      codepage = "cp1252";
    }
    String rest;
    try {
      rest = Charset.forName(codepage).newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, restAt, bytes.length - restAt)).toString();
    } catch (CharacterCodingException | UnsupportedCharsetException
        | java.nio.charset.IllegalCharsetNameException e) {
      rest = new String(bytes, restAt, bytes.length - restAt, StandardCharsets.ISO_8859_1);
    }
    return new IniText(first, rest);
  }

  boolean hasSection(String name) {
    return sections.containsKey(name);
  }

  /** The section's entries, keys in lower case, in file order; empty if absent. */
  Map<String, String> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  Optional<String> get(String section, String key) {
    return Optional.ofNullable(section(section).get(key.toLowerCase(Locale.ROOT)));
  }
}
