package org.sparkconnectome.bids;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed BIDS file name: {@code key-value} entities, a suffix and an extension, e.g.
 * {@code sub-01_task-rest_run-1_bold.nii.gz}. Unknown entities (derivative pipelines invent some)
 * are kept. Whether a {@code sub} entity is required depends on where the file lies (top-level
 * sidecars such as {@code task-rest_bold.json} have none), so the scanner checks that.
 */
public record BidsName(Map<String, String> entities, String suffix, String extension)
    implements Serializable {

  private static final Pattern KEY = Pattern.compile("[a-zA-Z]+");
  private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9]+");
  private static final Pattern SUFFIX = Pattern.compile("[a-zA-Z0-9]+");

  public BidsName {
    entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
  }

  /** Outcome of parsing: a name, or the reason the file name is not valid BIDS. */
  public record Parsed(BidsName name, String invalidReason) {
    public boolean valid() {
      return name != null;
    }
  }

  /** The value of an entity, or null. */
  public String get(String key) {
    return entities.get(key);
  }

  /**
   * The entities of the file at {@code path} (a path or URI), in name order; empty when its name
   * is not valid BIDS.
   */
  public static Map<String, String> entitiesOf(String path) {
    Parsed parsed = parse(path.substring(path.lastIndexOf('/') + 1));
    return parsed.valid() ? new LinkedHashMap<>(parsed.name().entities()) : new LinkedHashMap<>();
  }

  /** Parses a file name (no directories). Never throws: a bad name gives its reason. */
  public static Parsed parse(String fileName) {
    int dot = fileName.indexOf('.');
    if (dot <= 0) {
      return invalid("no extension");
    }
    String stem = fileName.substring(0, dot);
    String extension = fileName.substring(dot);
    String[] parts = stem.split("_", -1);
    if (parts.length < 2) {
      return invalid("expected entities and a suffix separated by '_' (like sub-01_bold.nii.gz)");
    }
    String suffix = parts[parts.length - 1];
    if (!SUFFIX.matcher(suffix).matches()) {
      return invalid("suffix '" + suffix + "' is not alphanumeric");
    }
    Map<String, String> entities = new LinkedHashMap<>();
    int lastRank = -1;
    String lastKey = null;
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      int dash = part.indexOf('-');
      if (dash <= 0 || dash == part.length() - 1) {
        return invalid("'" + part + "' is not a key-value entity");
      }
      String key = part.substring(0, dash);
      String value = part.substring(dash + 1);
      if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
        return invalid("entity '" + part + "' must be letters, '-', then letters or digits");
      }
      if (entities.containsKey(key)) {
        return invalid("entity '" + key + "' appears twice");
      }
      int rank = BidsEntity.rank(key);
      if (rank >= 0) {
        if (rank < lastRank) {
          return invalid("entity '" + key + "' must come before '" + lastKey + "'");
        }
        lastRank = rank;
        lastKey = key;
      }
      entities.put(key, value);
    }
    if (entities.containsKey("sub") && !parts[0].startsWith("sub-")) {
      return invalid("'sub' must be the first entity");
    }
    return new Parsed(new BidsName(entities, suffix, extension), null);
  }

  private static Parsed invalid(String reason) {
    return new Parsed(null, reason);
  }

  /**
   * Whether a sidecar or paired file with this name applies to {@code target} under the BIDS
   * inheritance principle: same suffix, and every entity it names has the same value in target.
   */
  public boolean appliesTo(BidsName target) {
    for (Map.Entry<String, String> e : entities.entrySet()) {
      if (!e.getValue().equals(target.entities.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The file name this record stands for. */
  public String fileName() {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> b.append(k).append('-').append(v).append('_'));
    return b.append(suffix).append(extension).toString();
  }
}
