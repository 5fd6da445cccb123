package org.sparkconnectome.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The stages on the class path, found with {@link ServiceLoader} from
 * {@code META-INF/services/org.sparkconnectome.stage.Stage}, so that a new modality is one new
 * stage class and one line in that file.
 */
public final class Stages {
  private Stages() {
  }

  /** Every registered stage, in the order the services file lists them. */
  public static List<Stage> registered() {
    List<Stage> stages = new ArrayList<>();
    ServiceLoader.load(Stage.class, Stages.class.getClassLoader()).forEach(stages::add);
    if (stages.isEmpty()) {
      throw new IllegalStateException("no stages registered (META-INF/services/"
          + Stage.class.getName() + " is missing from the class path)");
    }
    return stages;
  }

  /**
   * The stages' own tables, each once. Two stages may add rows to one table (CIFTI and volume
   * time series) only with the same schema.
   *
   * @throws IllegalStateException naming both stages when they declare a table differently, or
   *     when a stage declares the connectome table, which is every stage's
   */
  public static List<StageTable> tables(List<Stage> stages) {
    Map<String, StageTable> byName = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    for (Stage stage : stages) {
      for (StageTable table : stage.tables()) {
        if (table.name().equals(RunTables.CONNECTOMES_TABLE)) {
          throw new IllegalStateException("stage " + stage.name() + " declares the "
              + RunTables.CONNECTOMES_TABLE + " table, which every stage shares");
        }
        StageTable known = byName.putIfAbsent(table.name(), table);
        if (known == null) {
          owner.put(table.name(), stage.name());
        } else if (!known.schema().equals(table.schema())) {
          throw new IllegalStateException("stages " + owner.get(table.name()) + " and "
              + stage.name() + " declare table " + table.name() + " with different schemas");
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /** Checks the stages fit together: distinct names and consistent tables. */
  public static void check(List<Stage> stages) {
    Map<String, Stage> names = new LinkedHashMap<>();
    for (Stage stage : stages) {
      if (names.putIfAbsent(stage.name(), stage) != null) {
        throw new IllegalStateException("two stages are named " + stage.name());
      }
    }
    tables(stages);
  }
}
