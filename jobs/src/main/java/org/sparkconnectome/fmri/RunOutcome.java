package org.sparkconnectome.fmri;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one Spark task returns for one run: its line of the run report and its rows of every
 * output table (empty when the run failed).
 */
public record RunOutcome(Row report, List<Row> connectomes, List<Row> timeseries, Row qc,
    List<Row> regionQc) implements Serializable {

  /** Whether the run was computed (its report line's status is not failed). */
  public boolean succeeded() {
    return !RunReportTable.FAILED.equals(report.getString(RunReportTable.STATUS_COLUMN));
  }
}
