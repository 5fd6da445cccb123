package org.sparkconnectome.formats.eeg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sparkconnectome.formats.FormatException;

/**
 * A BrainVision .vhdr header, parsed and checked as MNE-Python reads it: binary data only
 * (INT_16, INT_32, IEEE_FLOAT_32; multiplexed or vectorized), channel resolutions and units
 * from {@code [Channel Infos]} (µV when the unit is missing or empty).
 */
final class BrainVisionHeader {
  private static final Pattern VERSION = Pattern.compile(
      "Brain ?Vision( Core| V-Amp)? Data( Exchange)? Header File,? Version [12]\\.0");
  private static final Pattern CHANNEL_KEY = Pattern.compile("ch(\\d+)");

  final String dataFile;
  final String markerFile;
  final BinaryFormat format;
  final boolean vectorized;
  final double samplingRate;
  final OptionalLong dataPoints;
  final List<EegChannel> channels;
  final List<String> warnings = new ArrayList<>();

  private BrainVisionHeader(String dataFile, String markerFile, BinaryFormat format,
      boolean vectorized, double samplingRate, OptionalLong dataPoints,
      List<EegChannel> channels) {
    this.dataFile = dataFile;
    this.markerFile = markerFile;
    this.format = format;
    this.vectorized = vectorized;
    this.samplingRate = samplingRate;
    this.dataPoints = dataPoints;
    this.channels = channels;
  }

  static BrainVisionHeader parse(String name, IniText ini) throws FormatException {
    String common = ini.hasSection("Common Infos") ? "Common Infos" : "Common infos";
    if (!ini.hasSection(common)) {
      throw new FormatException(name, "no [Common Infos] section: not a BrainVision header");
    }
    String orientation = required(name, ini, common, "DataOrientation");
    if (!orientation.equals("MULTIPLEXED") && !orientation.equals("VECTORIZED")) {
      throw new FormatException(name, "DataOrientation " + orientation
          + " is not supported (MULTIPLEXED or VECTORIZED)");
    }
    String dataFormat = required(name, ini, common, "DataFormat");
    if (!dataFormat.equals("BINARY")) {
      throw new FormatException(name, "DataFormat " + dataFormat
          + " is not supported (only BINARY)");
    }
    String binary = required(name, ini, "Binary Infos", "BinaryFormat");
    BinaryFormat format = BinaryFormat.named(binary).orElseThrow(() ->
        new FormatException(name, "BinaryFormat " + binary
            + " is not supported (INT_16, INT_32 or IEEE_FLOAT_32)"));
    double interval = number(name, required(name, ini, common, "SamplingInterval"),
        "SamplingInterval");
    if (!(interval > 0)) {
      throw new FormatException(name, "SamplingInterval " + interval + " is not positive");
    }
    int count = (int) number(name, required(name, ini, common, "NumberOfChannels"),
        "NumberOfChannels");
    if (count < 1) {
      throw new FormatException(name, "NumberOfChannels is " + count);
    }
    OptionalLong points = OptionalLong.empty();
    if (ini.get(common, "DataPoints").isPresent()) {
      points = OptionalLong.of((long) number(name, ini.get(common, "DataPoints").get(),
          "DataPoints"));
    }
    BrainVisionHeader header = new BrainVisionHeader(required(name, ini, common, "DataFile"),
        required(name, ini, common, "MarkerFile"), format, orientation.equals("VECTORIZED"),
        1e6 / interval, points, channels(name, ini, count));
    if (!VERSION.matcher(ini.firstLine).find()) {
      header.warnings.add("unexpected first line '" + ini.firstLine + "' (MNE warns too)");
    }
    return header;
  }

  private static List<EegChannel> channels(String name, IniText ini, int count)
      throws FormatException {
    EegChannel[] out = new EegChannel[count];
    for (Map.Entry<String, String> e : ini.section("Channel Infos").entrySet()) {
      Matcher key = CHANNEL_KEY.matcher(e.getKey());
      if (!key.find()) {
        continue;
      }
      int n = Integer.parseInt(key.group(1)) - 1;
      if (n < 0 || n >= count) {
        throw new FormatException(name, "channel entry Ch" + (n + 1) + " beyond"
            + " NumberOfChannels " + count);
      }
      List<String> props = new ArrayList<>(List.of(e.getValue().split(",", -1)));
      // Older files have no unit, PyCorder's an empty one: µV, as the BrainVision spec says.
      if (props.size() < 4) {
        props.add("\u00b5V");
      } else if (props.get(3).isEmpty()) {
        props.set(3, "\u00b5V");
      }
      if (props.size() < 4) {
        throw new FormatException(name, "channel entry Ch" + (n + 1) + "=" + e.getValue()
            + ": expected name,reference,resolution[,unit]");
      }
      String channel = props.get(0).replace("\\1", ",");
      String resolutionText = props.get(2);
      String unit = props.get(3).replace("\u00c2", "");
      double resolution = resolutionText.isEmpty() ? (unit.isEmpty() ? 1e-6 : 1)
          : number(name, resolutionText, "resolution of channel " + channel);
      out[n] = new EegChannel(channel, unit, resolution * unitScale(unit), 0);
    }
    List<EegChannel> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (out[i] == null) {
        throw new FormatException(name, "no [Channel Infos] entry Ch" + (i + 1)
            + " (NumberOfChannels is " + count + ")");
      }
      list.add(out[i]);
    }
    return List.copyOf(list);
  }

  /** MNE's unit table: a unit it does not know scales by 1. */
  static double unitScale(String unit) {
    switch (unit) {
      case "\u00b5V", "uV", "\u00b5S", "uS":
        return 1e-6;
      case "mV":
        return 1e-3;
      case "nV":
        return 1e-9;
      default:
        return 1;
    }
  }

  private static String required(String name, IniText ini, String section, String key)
      throws FormatException {
    return ini.get(section, key).orElseThrow(() -> new FormatException(name,
        "no " + key + " in [" + section + "]"));
  }

  private static double number(String name, String text, String what) throws FormatException {
    try {
      double v = Double.parseDouble(text.strip());
      if (!Double.isFinite(v) || text.strip().matches(".*[dDfFxX].*")) {
        throw new NumberFormatException(text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new FormatException(name, what + " '" + text + "' is not a number");
    }
  }
}
