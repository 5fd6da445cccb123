package org.sparkconnectome.bids;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/**
 * BIDS URIs ({@code bids:<dataset>:<relative path>}) for the input files, so that no output
 * names a local absolute path (which would leak user names and folder layouts into files that
 * are shared). The dataset root given to {@code run} is {@code preprocessed} (the derivatives a
 * connectome is computed from, as XCP-D names them); each {@code derivatives/<name>/} inside it
 * is {@code <name>}. {@code dataset_description.json}'s {@code DatasetLinks} maps the names
 * back to the folders.
 */
public final class BidsUris implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The name of the dataset root given to {@code run}. */
  public static final String ROOT = "preprocessed";

  /** One dataset: its name and its folder's qualified URI, without a trailing slash. */
  public record Root(String name, String uri) implements Serializable {
  }

  private final List<Root> roots;

  /** URIs for these datasets (the most specific folder wins for a file). */
  public BidsUris(List<Root> roots) {
    List<Root> sorted = new ArrayList<>(roots);
    sorted.sort(Comparator.comparingInt((Root r) -> r.uri().length()).reversed());
    this.roots = List.copyOf(sorted);
  }

  /** The datasets by name, for {@code DatasetLinks}. */
  public Map<String, String> links() {
    Map<String, String> links = new LinkedHashMap<>();
    for (int i = roots.size() - 1; i >= 0; i--) {
      links.put(roots.get(i).name(), roots.get(i).uri());
    }
    return links;
  }

  /** The BIDS URI of a file under one of the datasets, or null when it is under none. */
  public String of(String file) {
    if (file == null) {
      return null;
    }
    for (Root root : roots) {
      for (String prefix : prefixes(root)) {
        if (file.startsWith(prefix + "/")) {
          return "bids:" + root.name() + ":" + file.substring(prefix.length() + 1);
        }
      }
    }
    return null;
  }

  /**
   * The BIDS URI of a file, or its bare file name for one outside every dataset: never the
   * folder it lives in.
   */
  public String orName(String file) {
    String uri = of(file);
    return uri != null ? uri : file.substring(file.lastIndexOf('/') + 1);
  }

  /**
   * The file a BIDS URI names: {@code bids::x} in the output dataset itself, {@code
   * bids:<name>:x} in the dataset {@code links} names (a link relative to the output root, or a
   * URI); anything else is returned as it is.
   */
  public static String resolve(String uri, String outRoot, Map<String, String> links) {
    if (uri == null || !uri.startsWith("bids:")) {
      return uri;
    }
    int colon = uri.indexOf(':', 5);
    if (colon < 0) {
      return uri;
    }
    String name = uri.substring(5, colon);
    String relative = uri.substring(colon + 1);
    String base = trimmed(outRoot);
    if (!name.isEmpty()) {
      String link = links.get(name);
      if (link == null) {
        return uri;
      }
      base = link.contains(":") ? trimmed(link)
          : trimmed(URI.create(base + "/").resolve(link).normalize().toString());
    }
    return base + "/" + relative;
  }

  /**
   * How {@code DatasetLinks} names a dataset folder from the output root: a relative path when
   * both are on the same file system (no absolute path in the output), else the folder's URI.
   */
  public static String link(String outRoot, String folder) {
    URI out = URI.create(trimmed(outRoot) + "/");
    URI target = URI.create(trimmed(folder) + "/");
    if (!"file".equals(out.getScheme()) || !"file".equals(target.getScheme())) {
      return trimmed(folder);
    }
    java.nio.file.Path relative = java.nio.file.Path.of(out.getPath())
        .relativize(java.nio.file.Path.of(target.getPath()));
    String text = relative.toString();
    return text.isEmpty() ? "." : text;
  }

  private static String trimmed(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  /** Text (a failure reason, a warning) with every dataset folder replaced by its URI prefix. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Root root : roots) {
      for (String prefix : prefixes(root)) {
        out = out.replaceAll(Pattern.quote(prefix + "/"),
            Matcher.quoteReplacement("bids:" + root.name() + ":"));
      }
    }
    return out;
  }

  /** {@link #of} as a Spark column over a column of qualified file URIs. */
  public Column column(Column path) {
    Column uri = lit(null).cast("string");
    for (int i = roots.size() - 1; i >= 0; i--) {
      Root root = roots.get(i);
      String prefix = root.uri() + "/";
      uri = when(path.startsWith(prefix), concat(lit("bids:" + root.name() + ":"),
          substring(path, prefix.length() + 1, Integer.MAX_VALUE))).otherwise(uri);
    }
    return uri;
  }

  /** {@link #scrub} as a Spark column. */
  public Column scrubColumn(Column text) {
    Column out = text;
    for (Root root : roots) {
      for (String prefix : prefixes(root)) {
        out = regexp_replace(out, Pattern.quote(prefix + "/"), "bids:" + root.name() + ":");
      }
    }
    return out;
  }

  /** The folder as a qualified URI and as a bare path (messages show either). */
  private static List<String> prefixes(Root root) {
    List<String> prefixes = new ArrayList<>(List.of(root.uri()));
    String path = URI.create(root.uri()).getPath();
    if (path != null && !path.isEmpty() && !path.equals(root.uri())) {
      prefixes.add(path);
    }
    return prefixes;
  }
}
