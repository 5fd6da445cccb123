package org.sparkconnectome.tables;

/** Where the Spark tables of an output folder live: {@code OUT/tables/<name>}. */
public final class TablePaths {
  private TablePaths() {
  }

  public static String table(String out, String name) {
    String base = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    return base + "/tables/" + name;
  }
}
