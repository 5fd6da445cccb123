package org.sparkconnectome.stage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * What one Spark task returns for one run: its line of the run report and its rows of the
 * output tables, by table name ({@link RunTables#CONNECTOMES_TABLE} and the stage's own
 * {@link Stage#tables()}); no rows when the run failed.
 */
public record RunOutcome(Row report, Map<String, List<Row>> rows) implements Serializable {

  public RunOutcome {
    // Plain collections: the outcomes are persisted serialised, by Java or Kryo serialisation.
    Map<String, List<Row>> copy = new LinkedHashMap<>();
    rows.forEach((table, list) -> copy.put(table, new ArrayList<>(list)));
    rows = copy;
  }

  /** A failed (or otherwise row-less) run: its report line only. */
  public static RunOutcome reportOnly(Row report) {
    return new RunOutcome(report, Map.of());
  }

  /** The run's rows of one table (empty when it has none). */
  public List<Row> rows(String table) {
    return rows.getOrDefault(table, List.of());
  }

  /** The run's connectome table rows. */
  public List<Row> connectomes() {
    return rows(RunTables.CONNECTOMES_TABLE);
  }

  /** Whether the run was computed (its report line's status is not failed). */
  public boolean succeeded() {
    return !RunReportTable.FAILED.equals(report.getString(RunReportTable.STATUS_COLUMN));
  }
}
