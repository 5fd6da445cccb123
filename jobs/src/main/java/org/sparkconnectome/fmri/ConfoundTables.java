package org.sparkconnectome.fmri;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparkconnectome.bids.BidsName;
import org.sparkconnectome.formats.FormatException;
import org.sparkconnectome.io.DataSource;

/**
 * The confounds tables of one run by their {@code desc-} value: fMRIPrep's
 * ({@code desc-confounds}) and the extra {@code *_desc-<x>_timeseries.tsv} tables found through
 * {@code fmri.extra_confounds} (fMRIPost-AROMA's {@code desc-aroma}, a user's task regressors),
 * each with one row per volume of the run.
 */
public final class ConfoundTables {
  /** The {@code desc-} value of fMRIPrep's confounds table. */
  public static final String FMRIPREP = "confounds";

  private final Map<String, ConfoundsTable> tables;
  private final String searchedWhere;

  private ConfoundTables(Map<String, ConfoundsTable> tables, String searchedWhere) {
    this.tables = tables;
    this.searchedWhere = searchedWhere;
  }

  /**
   * Reads the tables; each must have {@code volumes} rows.
   *
   * @param fmriprep fMRIPrep's table, or null when the run has none
   * @param extras the extra tables (their names must carry a {@code desc-} value)
   * @param searchedWhere where the extra tables were looked for, in words, for messages
   */
  public static ConfoundTables read(DataSource fmriprep, List<DataSource> extras, int volumes,
      String searchedWhere) throws IOException {
    Map<String, ConfoundsTable> tables = new LinkedHashMap<>();
    if (fmriprep != null) {
      tables.put(FMRIPREP, checked(ConfoundsTable.read(fmriprep), volumes));
    }
    for (DataSource extra : extras) {
      String desc = BidsName.entitiesOf(extra.fileName()).get("desc");
      if (desc == null) {
        throw new FormatException(extra.fileName(), "an extra confounds table must be named "
            + "*_desc-<label>_timeseries.tsv");
      }
      ConfoundsTable previous = tables.get(desc);
      if (previous != null) {
        throw new FormatException(extra.fileName(), "the run has two desc-" + desc
            + " confounds tables (" + previous.fileName() + " too): keep one");
      }
      tables.put(desc, checked(ConfoundsTable.read(extra), volumes));
    }
    return new ConfoundTables(tables, searchedWhere);
  }

  /** Tables given directly (tests, references). */
  public static ConfoundTables of(Map<String, ConfoundsTable> tables, String searchedWhere) {
    return new ConfoundTables(new LinkedHashMap<>(tables), searchedWhere);
  }

  private static ConfoundsTable checked(ConfoundsTable table, int volumes)
      throws FormatException {
    if (table.rows() != volumes) {
      throw new FormatException(table.fileName(), table.rows() + " rows, but the BOLD run has "
          + volumes + " volumes");
    }
    return table;
  }

  /** Whether the run has the table with this {@code desc-} value. */
  public boolean has(String desc) {
    return tables.containsKey(desc);
  }

  /** The table with this {@code desc-} value (which must exist). */
  public ConfoundsTable table(String desc) {
    ConfoundsTable t = tables.get(desc);
    if (t == null) {
      throw new IllegalArgumentException("no desc-" + desc + " confounds table");
    }
    return t;
  }

  /** fMRIPrep's table, or null. */
  public ConfoundsTable fmriprep() {
    return tables.get(FMRIPREP);
  }

  /** The tables' {@code desc-} values, fMRIPrep's first. */
  public List<String> descriptions() {
    return new ArrayList<>(tables.keySet());
  }

  /** Where extra tables were looked for, in words ("in fmri.extra_confounds (...)"). */
  public String searchedWhere() {
    return searchedWhere;
  }

  /** A selected column's values over the whole run. */
  public double[] values(DenoiseStrategy.Column column) throws FormatException {
    return table(column.desc()).column(column.name());
  }
}
