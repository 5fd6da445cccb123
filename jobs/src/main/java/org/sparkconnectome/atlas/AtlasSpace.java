package org.sparkconnectome.atlas;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The template space the atlases are in, from their file names. */
public final class AtlasSpace {
  private static final Pattern SPACE = Pattern.compile("(?:^|[_/])(?:tpl|space)-([a-zA-Z0-9]+)");

  private AtlasSpace() {
  }

  /**
   * The space of the first atlas ({@code tpl-X} or {@code space-X}, the last one in its path),
   * or null when it names none: the runs to pick when a dataset holds several spaces.
   */
  public static String of(List<Atlas> atlases) {
    if (atlases.isEmpty()) {
      return null;
    }
    Matcher m = SPACE.matcher(atlases.get(0).file());
    String space = null;
    while (m.find()) {
      space = m.group(1);
    }
    return space;
  }
}
