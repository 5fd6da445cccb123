package org.sparkconnectome.report;

/**
 * A small builder of inline SVG: the report draws its plots with these few primitives rather than
 * a charting library, so the page needs no script to show them.
 */
final class Svg {
  private final StringBuilder body = new StringBuilder();
  private final double width;
  private final double height;
  private final String label;

  /** @param label what the figure shows, for screen readers and tooltips */
  Svg(double width, double height, String label) {
    this.width = width;
    this.height = height;
    this.label = label;
  }

  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    body.append("<rect x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y))
        .append("\" width=\"").append(Html.coord(w)).append("\" height=\"")
        .append(Html.coord(h)).append("\" fill=\"").append(fill).append('"');
    return closeWithTitle(tooltip, "rect");
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth,
      String extra) {
    body.append("<line x1=\"").append(Html.coord(x1)).append("\" y1=\"").append(Html.coord(y1))
        .append("\" x2=\"").append(Html.coord(x2)).append("\" y2=\"").append(Html.coord(y2))
        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
        .append(Html.coord(strokeWidth)).append('"');
    if (extra != null) {
      body.append(' ').append(extra);
    }
    body.append("/>");
    return this;
  }

  Svg circle(double cx, double cy, double r, String fill, String tooltip) {
    body.append("<circle cx=\"").append(Html.coord(cx)).append("\" cy=\"")
        .append(Html.coord(cy)).append("\" r=\"").append(Html.coord(r)).append("\" fill=\"")
        .append(fill).append("\" stroke=\"#333\" stroke-width=\"0.5\"");
    return closeWithTitle(tooltip, "circle");
  }

  /** A polyline through (xs[i], ys[i]). */
  Svg polyline(double[] xs, double[] ys, String stroke, double strokeWidth) {
    body.append("<polyline fill=\"none\" stroke=\"").append(stroke)
        .append("\" stroke-width=\"").append(Html.coord(strokeWidth)).append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      if (i > 0) {
        body.append(' ');
      }
      body.append(Html.coord(xs[i])).append(',').append(Html.coord(ys[i]));
    }
    body.append("\"/>");
    return this;
  }

  /** Text; {@code anchor} is start, middle or end; {@code rotate} in degrees about (x, y). */
  Svg text(double x, double y, String text, String anchor, double size, double rotate) {
    body.append("<text x=\"").append(Html.coord(x)).append("\" y=\"").append(Html.coord(y))
        .append("\" font-size=\"").append(Html.coord(size)).append("\" text-anchor=\"")
        .append(anchor).append('"');
    if (rotate != 0) {
      body.append(" transform=\"rotate(").append(Html.coord(rotate)).append(' ')
          .append(Html.coord(x)).append(' ').append(Html.coord(y)).append(")\"");
    }
    body.append('>').append(Html.escape(text)).append("</text>");
    return this;
  }

  private Svg closeWithTitle(String tooltip, String element) {
    if (tooltip == null) {
      body.append("/>");
    } else {
      body.append("><title>").append(Html.escape(tooltip)).append("</title></")
          .append(element).append('>');
    }
    return this;
  }

  @Override
  public String toString() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 "
        + Html.coord(width) + ' ' + Html.coord(height) + "\" width=\"" + Html.coord(width)
        + "\" height=\"" + Html.coord(height) + "\" font-family=\"sans-serif\" aria-label=\""
        + Html.escape(label) + "\">" + body + "</svg>";
  }
}
