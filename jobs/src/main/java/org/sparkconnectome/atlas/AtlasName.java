package org.sparkconnectome.atlas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entities of an atlas file name as TemplateFlow and BIDS write them
 * ({@code tpl-MNI152NLin2009cAsym_res-02_atlas-Schaefer2018_desc-400Parcels7Networks_dseg.nii.gz}).
 * Lenient where the BIDS scanner is strict: atlases come from TemplateFlow, XCP-D and users, each
 * with its own entity order, so any {@code key-value} part counts and order is not checked.
 *
 * @param stem the file name without directories and without {@code .nii[.gz]}
 * @param entities the {@code key-value} parts in name order; empty for a name that is not BIDS
 * @param suffix the last part when it is not {@code key-value} ({@code dseg}), else null
 */
public record AtlasName(String stem, Map<String, String> entities, String suffix) {
  private static final Pattern ENTITY = Pattern.compile("[a-zA-Z]+-[a-zA-Z0-9]+");
  private static final Pattern SUFFIX = Pattern.compile("[a-zA-Z0-9]+");

  /**
   * Entities a label table may leave out, in the order they are dropped: the grid first (one
   * TemplateFlow table serves every resolution), then the cohort, then the template (a table at
   * the root of an atlas dataset, {@code atlas-X_dseg.tsv}). The entities that say which
   * parcellation it is ({@code atlas}, {@code desc}, {@code seg}, {@code hemi}) are never dropped.
   */
  static final List<List<String>> DROPPABLE = List.of(List.of("res"), List.of("den"),
      List.of("cohort"), List.of("tpl", "space"));

  public AtlasName {
    entities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entities));
  }

  /** Parses a file name or a path (directories are ignored). Never throws. */
  public static AtlasName of(String pathOrName) {
    String name = pathOrName.substring(pathOrName.lastIndexOf('/') + 1);
    String stem = withoutExtension(name);
    String[] parts = stem.split("_", -1);
    Map<String, String> entities = new LinkedHashMap<>();
    String suffix = null;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (ENTITY.matcher(part).matches()) {
        int dash = part.indexOf('-');
        entities.putIfAbsent(part.substring(0, dash), part.substring(dash + 1));
      } else if (i == parts.length - 1 && i > 0 && SUFFIX.matcher(part).matches()) {
        suffix = part;
      } else {
        return new AtlasName(stem, Map.of(), null);
      }
    }
    return new AtlasName(stem, entities, suffix);
  }

  /**
   * A file name without its image extension: {@code .nii}, {@code .nii.gz}, and CIFTI-2's
   * {@code .dlabel.nii} (whose suffix, {@code dseg}, comes before it).
   */
  public static String withoutExtension(String fileName) {
    return fileName.replaceFirst("(\\.dlabel)?\\.nii(\\.gz)?$", "");
  }

  /** The value of an entity, or null. */
  public String get(String key) {
    return entities.get(key);
  }

  /** The template: the {@code tpl-} entity (TemplateFlow), else {@code space-}, else null. */
  public String template() {
    String tpl = entities.get("tpl");
    return tpl != null ? tpl : entities.get("space");
  }

  /**
   * The region tables that may describe this image, best first, by the BIDS inheritance
   * principle as TemplateFlow applies it: the exact stem with {@code .tsv}, then the same name
   * without {@code res-}, then without the other entities of {@link #DROPPABLE} in turn.
   */
  public List<String> tableCandidates() {
    Set<String> names = new LinkedHashSet<>();
    names.add(stem + ".tsv");
    if (!entities.isEmpty() && suffix != null) {
      Set<String> dropped = new LinkedHashSet<>();
      for (List<String> step : DROPPABLE) {
        if (step.stream().noneMatch(entities::containsKey)) {
          continue;
        }
        dropped.addAll(step);
        names.add(without(dropped) + ".tsv");
      }
    }
    return new ArrayList<>(names);
  }

  private String without(Set<String> dropped) {
    StringBuilder b = new StringBuilder();
    entities.forEach((k, v) -> {
      if (!dropped.contains(k)) {
        b.append(k).append('-').append(v).append('_');
      }
    });
    return b.append(suffix).toString();
  }
}
