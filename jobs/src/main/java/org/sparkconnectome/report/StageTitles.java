package org.sparkconnectome.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparkconnectome.stage.Stage;
import org.sparkconnectome.stage.Stages;

/** How the report names each stage of the run report's {@code pipeline} column. */
final class StageTitles {
  private static final Map<String, Stage> REGISTERED = new LinkedHashMap<>();

  static {
    Stages.registered().forEach(stage -> REGISTERED.put(stage.name(), stage));
  }

  private StageTitles() {
  }

  /** The stage's title, or its pipeline name when no registered stage has it. */
  static String title(String pipeline) {
    Stage stage = REGISTERED.get(pipeline);
    return stage == null ? pipeline : stage.title();
  }

  /** What one of the stage's run tasks does, in words. */
  static String perRunWork(String pipeline) {
    Stage stage = REGISTERED.get(pipeline);
    return stage == null ? "per-run task" : stage.perRunWork();
  }
}
