package org.sparkconnectome.fmri;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.DataSource;
import org.sparkconnectome.io.DataSources;
import org.sparkconnectome.stage.RunFailure;

/**
 * A denoising strategy: which confound columns are regressed out, named as XCP-D names its
 * strategies and read from a YAML file in the shape of XCP-D's nuisance strategy files
 * ({@code name}, {@code description}, {@code confounds}). The built-in strategies are such
 * files on the classpath ({@code org/sparkconnectome/fmri/strategies/}); a user's file is read
 * by the same loader.
 *
 * <p>{@code confounds} is either a list of columns, looked up in every confounds table of the
 * run, or a mapping of sources, each with {@code columns} and, in {@code query.desc}, which of
 * the run's {@code *_desc-<desc>_timeseries.tsv} tables holds them ({@code confounds}:
 * fMRIPrep's; another: an extra table found through {@code fmri.extra_confounds}). A column
 * that starts with {@code ^} is a regular expression matched from the start of the name,
 * ignoring case (XCP-D's rule); the columns it matches are taken in the table's order.
 */
public final class DenoiseStrategy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The built-in strategies by their {@code fmri.denoise} names, besides {@code custom}. */
  public static final List<String> BUILT_IN = List.of("none", "motion6", "24P", "27P", "36P",
      "acompcor", "acompcor_gsr", "aroma", "aroma_gsr", "gsr_only");
  public static final String CUSTOM = "custom";
  private static final String RESOURCES = "/org/sparkconnectome/fmri/strategies/";

  /**
   * One table's columns.
   *
   * @param label the source's key in the file ({@code preproc_confounds})
   * @param desc the {@code desc-} value of the table, or null for every table of the run
   * @param dataset the file's {@code dataset} (for messages), or null
   * @param columns names, or regular expressions starting with {@code ^}
   */
  public record Source(String label, String desc, String dataset, List<String> columns)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public Source {
      columns = List.copyOf(columns);
    }
  }

  /** A selected column: the {@code desc} of the table that holds it, and its name. */
  public record Column(String desc, String name) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final String name;
  private final String description;
  private final String origin;
  private final List<Source> sources;

  private DenoiseStrategy(String name, String description, String origin,
      List<Source> sources) {
    this.name = name;
    this.description = description;
    this.origin = origin;
    this.sources = List.copyOf(sources);
  }

  /**
   * The strategy {@code fmri.denoise} names: a built-in name, {@code custom} (the comma list
   * {@code customColumns}), or the path or URI of a strategy file ({@code .yml}/{@code .yaml}).
   */
  public static DenoiseStrategy of(String value, String customColumns) {
    String key = value.trim();
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
      return read(DataSources.open(key));
    }
    if (lower.equals(CUSTOM)) {
      List<String> columns = new ArrayList<>();
      for (String c : customColumns.split(",")) {
        if (!c.isBlank()) {
          columns.add(c.trim());
        }
      }
      if (columns.isEmpty()) {
        throw new UserException("fmri.denoise=custom needs fmri.custom_confounds, a comma "
            + "list of confound column names (or regular expressions starting with ^)");
      }
      checkPatterns(columns, "fmri.custom_confounds");
      return new DenoiseStrategy(CUSTOM, "The columns of fmri.custom_confounds: "
          + String.join(", ", columns) + ".", "fmri.custom_confounds",
          List.of(new Source("custom", null, null, columns)));
    }
    for (String builtIn : BUILT_IN) {
      if (builtIn.toLowerCase(Locale.ROOT).equals(lower)) {
        return builtIn(builtIn);
      }
    }
    throw new UserException("fmri.denoise=" + value + " is not a strategy: use one of "
        + String.join(", ", BUILT_IN) + ", custom, or the path of a strategy file (.yml)");
  }

  /** A built-in strategy by its exact name. */
  static DenoiseStrategy builtIn(String name) {
    String resource = RESOURCES + name + ".yml";
    try (InputStream in = DenoiseStrategy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("built-in strategy missing from the jar: " + resource);
      }
      return parse(in, "built-in strategy " + name);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in strategy " + resource, e);
    }
  }

  /** A user's strategy file. */
  public static DenoiseStrategy read(DataSource file) {
    try (InputStream in = file.openStream()) {
      return parse(in, "fmri.denoise=" + file.name());
    } catch (IOException e) {
      throw new UserException("fmri.denoise=" + file.name() + ": cannot read the strategy "
          + "file (" + e.getMessage() + ")");
    }
  }

  /** Parses a strategy file; {@code origin} names it in messages. */
  static DenoiseStrategy parse(InputStream in, String origin) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (JsonProcessingException e) {
      throw new UserException(origin + ": not valid YAML: "
          + e.getOriginalMessage().split("\n")[0]);
    }
    if (root == null || !root.isObject()) {
      throw new UserException(origin + ": expected a mapping with name, description and "
          + "confounds");
    }
    JsonNode nameNode = root.get("name");
    if (nameNode == null || !nameNode.isValueNode() || nameNode.asText().isBlank()) {
      throw new UserException(origin + ": the strategy needs a name");
    }
    String description = root.hasNonNull("description")
        ? root.get("description").asText().trim() : "";
    JsonNode confounds = root.get("confounds");
    List<Source> sources = new ArrayList<>();
    if (confounds == null || confounds.isNull()) {
      throw new UserException(origin + ": no 'confounds' (use 'confounds: {}' for none)");
    } else if (confounds.isArray() && allText(confounds)) {
      sources.add(new Source("confounds", null, null, texts(confounds, origin, "confounds")));
    } else if (confounds.isArray()) {
      int i = 0;
      for (JsonNode s : confounds) {
        sources.add(source("confounds[" + i++ + "]", s, origin));
      }
    } else if (confounds.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = confounds.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        sources.add(source(f.getKey(), f.getValue(), origin));
      }
    } else {
      throw new UserException(origin + ": 'confounds' must be a list of columns or a mapping "
          + "of sources, each with 'columns'");
    }
    for (Source s : sources) {
      checkPatterns(s.columns(), origin);
    }
    return new DenoiseStrategy(nameNode.asText().trim(), description, origin, sources);
  }

  private static Source source(String label, JsonNode node, String origin) {
    if (!node.isObject()) {
      throw new UserException(origin + ": confounds source '" + label + "' must be a mapping "
          + "with 'columns'");
    }
    if (!node.has("columns")) {
      throw new UserException(origin + ": confounds source '" + label + "' has no 'columns': "
          + "voxel-wise confounds are not supported, only columns of confounds tables");
    }
    String desc = null;
    JsonNode query = node.get("query");
    if (query != null && query.isObject()) {
      JsonNode d = query.has("desc") ? query.get("desc") : query.get("description");
      if (d != null && !d.isNull()) {
        desc = d.asText().trim();
      }
    }
    String dataset = node.hasNonNull("dataset") ? node.get("dataset").asText() : null;
    return new Source(label, desc, dataset, texts(node.get("columns"), origin, label));
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> texts(JsonNode array, String origin, String label) {
    if (!array.isArray()) {
      throw new UserException(origin + ": the columns of '" + label + "' must be a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (!n.isValueNode() || n.asText().isBlank()) {
        throw new UserException(origin + ": '" + label + "' lists a column that is not a "
            + "name: " + n);
      }
      out.add(n.asText().trim());
    }
    return out;
  }

  private static void checkPatterns(List<String> columns, String origin) {
    for (String c : columns) {
      if (isPattern(c)) {
        try {
          Pattern.compile(c);
        } catch (PatternSyntaxException e) {
          throw new UserException(origin + ": '" + c + "' is not a valid regular expression ("
              + e.getDescription() + ")");
        }
      }
    }
  }

  private static boolean isPattern(String column) {
    return column.startsWith("^");
  }

  public String name() {
    return name;
  }

  /** What the strategy regresses, in words (the file's {@code description}). */
  public String description() {
    return description;
  }

  /** The sources in the file's order. */
  public List<Source> sources() {
    return sources;
  }

  /** Whether any column is regressed (else no confounds table is needed for it). */
  public boolean regressesAnything() {
    return sources.stream().anyMatch(s -> !s.columns().isEmpty());
  }

  /** The {@code desc-} values of the tables besides fMRIPrep's that the strategy reads. */
  public Set<String> extraTables() {
    Set<String> out = new LinkedHashSet<>();
    for (Source s : sources) {
      if (s.desc() != null && !s.desc().equals(ConfoundTables.FMRIPREP) && !s.columns().isEmpty()) {
        out.add(s.desc());
      }
    }
    return out;
  }

  /**
   * The columns this run's tables give the strategy, in the file's order (regular
   * expressions expanded in table order); a column or table the run lacks throws RunFailure
   * naming the strategy, the column and the file.
   */
  public List<Column> resolve(ConfoundTables tables) throws RunFailure {
    List<Column> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Source source : sources) {
      if (source.columns().isEmpty()) {
        continue;
      }
      List<String> descs = new ArrayList<>();
      if (source.desc() == null) {
        descs.addAll(tables.descriptions());
      } else if (tables.has(source.desc())) {
        descs.add(source.desc());
      } else {
        throw new RunFailure(missingTable(source, tables));
      }
      for (String column : source.columns()) {
        List<Column> found = new ArrayList<>();
        if (isPattern(column)) {
          Pattern p = Pattern.compile(column, Pattern.CASE_INSENSITIVE);
          for (String desc : descs) {
            for (String n : tables.table(desc).names()) {
              if (p.matcher(n).lookingAt()) {
                found.add(new Column(desc, n));
              }
            }
          }
          if (found.isEmpty()) {
            throw new RunFailure("fmri.denoise=" + name + ": no column of " + files(tables, descs)
                + " matches the regular expression '" + column + "'" + hint(source));
          }
        } else {
          for (String desc : descs) {
            if (tables.table(desc).has(column)) {
              found.add(new Column(desc, column));
            }
          }
          if (found.isEmpty()) {
            throw new RunFailure(files(tables, descs) + ": no column '" + column
                + "', which fmri.denoise=" + name + " needs" + hint(source));
          }
          if (found.size() > 1) {
            throw new RunFailure("fmri.denoise=" + name + ": the column '" + column + "' is in "
                + files(tables, descs) + ": name the table in the strategy file (query: desc)");
          }
        }
        for (Column c : found) {
          if (!seen.add(c.name())) {
            throw new RunFailure("fmri.denoise=" + name + " selects the column '" + c.name()
                + "' twice (" + origin + ")");
          }
          out.add(c);
        }
      }
    }
    return out;
  }

  private String missingTable(Source source, ConfoundTables tables) {
    String file = "*_desc-" + source.desc() + "_timeseries.tsv";
    if (source.desc().equals(ConfoundTables.FMRIPREP)) {
      return "fmri.denoise=" + name + " needs fMRIPrep's confounds table (" + file
          + ") beside the run, and there is none";
    }
    return "fmri.denoise=" + name + " needs the run's " + file
        + (source.dataset() != null ? " (dataset '" + source.dataset() + "')" : "")
        + ", and none was found " + tables.searchedWhere() + hint(source);
  }

  private static String hint(Source source) {
    if ("aroma".equals(source.desc())) {
      return ": these are fMRIPost-AROMA's aroma_orth_motion_* columns; run fMRIPost-AROMA and "
          + "point fmri.extra_confounds at its output folder, or choose a strategy without "
          + "AROMA";
    }
    return "";
  }

  private static String files(ConfoundTables tables, List<String> descs) {
    List<String> names = new ArrayList<>();
    for (String d : descs) {
      names.add(tables.table(d).fileName());
    }
    return names.isEmpty() ? "no confounds table" : String.join(" and ", names);
  }

  @Override
  public String toString() {
    return name;
  }
}
