package org.sparkconnectome.formats.eeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparkconnectome.formats.FormatException;

/**
 * The markers of a BrainVision .vmrk file as MNE-Python reads them: {@code type/description},
 * onset (position - 1) / rate, duration in samples / rate (0 unless the field is all digits).
 */
final class BrainVisionMarkers {
  private static final Pattern MARKER = Pattern.compile("^Mk\\d+=(.*)",
      Pattern.MULTILINE | Pattern.UNIX_LINES);

  private BrainVisionMarkers() {
  }

  static List<EegAnnotation> parse(String fileName, IniText vmrk, double samplingRate)
      throws FormatException {
    String text = vmrk.text;
    int at = text.toLowerCase(Locale.ROOT).indexOf("[marker infos]");
    if (at < 0) {
      return List.of();
    }
    Matcher m = MARKER.matcher(text.substring(at + "[marker infos]".length()));
    List<EegAnnotation> out = new ArrayList<>();
    while (m.find()) {
      String[] fields = m.group(1).split(",", -1);
      if (fields.length < 4) {
        throw new FormatException(fileName, "marker '" + m.group(0).strip()
            + "' has fewer than 4 fields (type, description, position, size)");
      }
      String type = fields[0].replace("\\1", ",");
      String description = fields[1].replace("\\1", ",");
      long position;
      try {
        position = Long.parseLong(fields[2].strip());
      } catch (NumberFormatException e) {
        throw new FormatException(fileName, "marker '" + m.group(0).strip()
            + "': position '" + fields[2] + "' is not an integer");
      }
      long size = fields[3].matches("\\d+") ? Long.parseLong(fields[3]) : 0;
      out.add(new EegAnnotation((position - 1) / samplingRate, size / samplingRate,
          type + "/" + description));
    }
    return EegAnnotations.sorted(out);
  }
}
