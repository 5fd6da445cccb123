package org.sparkconnectome.atlas;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template space the atlases are in, from their file names, and whether an atlas may be
 * applied to an image of a given space: only within one template (another resolution of it is
 * resampled by nearest neighbour), never across templates, where voxels that happen to overlap
 * would give a connectome of the wrong regions.
 */
public final class AtlasSpace {
  private static final Pattern SPACE = Pattern.compile("(?:^|[_/])(?:tpl|space)-([a-zA-Z0-9]+)");

  private AtlasSpace() {
  }

  /**
   * The space of the first volume atlas, or null when it names none: the runs to pick when a
   * dataset holds several spaces.
   */
  public static String of(List<Atlas> atlases) {
    return atlases.stream().filter(Atlas::isVolume).findFirst().map(AtlasSpace::templateOf)
        .orElse(null);
  }

  /**
   * The atlas's template: {@code tpl-} or {@code space-} of its file name, else of the folders
   * above it (TemplateFlow keeps files in {@code tpl-X/}), else null.
   */
  public static String templateOf(Atlas atlas) {
    return templateOf(atlas.file());
  }

  /** {@link #templateOf(Atlas)} from the image's path or URI. */
  public static String templateOf(String file) {
    String template = AtlasName.of(file).template();
    if (template != null) {
      return template;
    }
    Matcher m = SPACE.matcher(file);
    while (m.find()) {
      template = m.group(1);
    }
    return template;
  }

  /**
   * Why the atlas cannot be applied to a run in {@code space} (its {@code space-} entity), or
   * null when it can: same template, or either side names none.
   */
  public static String mismatch(Atlas atlas, String space) {
    return mismatch(atlas, space, "the run's");
  }

  /**
   * {@link #mismatch(Atlas, String)}, saying whose space it is ({@code "every BOLD run's"}).
   */
  public static String mismatch(Atlas atlas, String space, String whose) {
    String template = templateOf(atlas);
    if (template == null || space == null || template.equals(space)) {
      return null;
    }
    return "atlas " + atlas.name() + " (" + atlas.fileName() + ") is in template " + template
        + ", not in " + whose + " space-" + space + ": an atlas is resampled between resolutions "
        + "of its template, never between templates; give the atlas in " + space
        + " (TemplateFlow has most atlases in several templates)";
  }
}
