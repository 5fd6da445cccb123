package org.sparkconnectome.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Escaping and number formatting shared by the report's HTML and SVG writers. */
final class Html {
  private Html() {
  }

  /** Text safe inside an element or a double-quoted attribute. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A value for people: four significant digits, "n/a" for NaN. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e9) {
      return String.valueOf((long) value);
    }
    if (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e9) {
      return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros()
          .toPlainString();
    }
    return String.format(Locale.ROOT, "%.3e", value);
  }

  /**
   * A coordinate in SVG: one decimal, which is finer than a screen pixel at our sizes. As
   * {@code String.format("%.1f")} (half up, "-0.0" kept) without the formatter: a heatmap of 400
   * regions writes 640,000 coordinates, and the formatter made them most of a page's time.
   */
  static String coord(double value) {
    double scaled = Math.abs(value) * 10;
    double fraction = scaled - Math.floor(scaled);
    // Near a half the product's rounding may differ from the decimal value's: the formatter.
    if (!Double.isFinite(value) || scaled >= 1e15 || Math.abs(fraction - 0.5) < 1e-6) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    long tenths = (long) Math.floor(scaled + 0.5);
    StringBuilder out = new StringBuilder(12);
    if (Math.copySign(1.0, value) < 0) {
      out.append('-');
    }
    return out.append(tenths / 10).append('.').append(tenths % 10).toString();
  }
}
