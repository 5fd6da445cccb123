package org.sparkconnectome.formats.eeg;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparkconnectome.formats.FormatException;

/**
 * EDF+ time-stamped annotation lists (TALs), parsed as MNE-Python parses them: its regular
 * expression over the UTF-8 text of the annotation signal; the first TAL's empty annotation (the
 * first record's time-keeping) sets the time origin.
 */
final class TalParser {
  private static final Pattern TAL = Pattern.compile(
      "([+-]\\d+\\.?\\d*)(\\x15(\\d+\\.?\\d*))?(\\x14.*?)\\x14\\x00", Pattern.UNIX_LINES);

  private final String fileName;
  private final List<EegAnnotation> annotations = new ArrayList<>();
  private double offset;
  private int seen;

  TalParser(String fileName) {
    this.fileName = fileName;
  }

  /**
   * Parses the annotation signal of one data record.
   *
   * @return the onset of the record's first TAL (its time-keeping onset), NaN if none
   */
  double add(byte[] bytes, int length) throws FormatException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new FormatException(fileName, "the annotation signal is not UTF-8 text", e);
    }
    Matcher m = TAL.matcher(text);
    double first = Double.NaN;
    while (m.find()) {
      double onset = Double.parseDouble(m.group(1));
      if (Double.isNaN(first)) {
        first = onset;
      }
      double duration = m.group(3) != null ? Double.parseDouble(m.group(3)) : 0;
      double shifted = onset + offset;
      String[] parts = m.group(4).split("\\x14", -1);
      for (int i = 1; i < parts.length; i++) {
        if (!parts[i].isEmpty()) {
          annotations.add(new EegAnnotation(shifted, duration, parts[i]));
        } else if (seen == 0) {
          // The first record's time-keeping TAL: onsets count from the first sample.
          offset = -onset;
        }
      }
      seen++;
    }
    return first;
  }

  List<EegAnnotation> annotations() {
    return EegAnnotations.sorted(annotations);
  }
}
