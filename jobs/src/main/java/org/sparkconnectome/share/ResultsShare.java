package org.sparkconnectome.share;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.sparkconnectome.config.UserException;
import org.sparkconnectome.io.FileTrees;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.report.CohortReport;
import org.sparkconnectome.tables.TablePaths;

/**
 * {@code connectome share}: a de-identified copy of a run's outputs (docs/privacy.md). Files
 * are rewritten one by one on the driver (they are read once each), tables through Spark as
 * fresh Delta tables without history, and the report is rebuilt from the copy.
 */
public final class ResultsShare {
  /** participants.tsv columns a share keeps besides the pseudonymised id and the age bin. */
  public static final List<String> PARTICIPANT_COLUMNS = List.of("group", "sex", "site");
  /** Folders of OUT that are not results: rebuilt (report) or never shared (staging). */
  private static final Set<String> NOT_COPIED = Set.of(".staging", "tables", "report");
  /** Folders of group-level results, the only ones of a summary-only share. */
  private static final Set<String> SUMMARY_FOLDERS = Set.of("group", "stats");

  private final SparkSession spark;
  private final String out;
  private final String to;
  private final FileSystem outFs;
  private final FileSystem toFs;
  private final ShareManifest manifest = new ShareManifest();

  /** A share of the outputs under {@code out} into the new folder {@code to}. */
  public ResultsShare(SparkSession spark, String out, String to) throws IOException {
    this.spark = spark;
    Path outPath = new Path(out);
    Path toPath = new Path(to);
    this.outFs = outPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
    this.toFs = toPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
    this.out = outFs.makeQualified(outPath).toString();
    this.to = toFs.makeQualified(toPath).toString();
    if (!outFs.exists(new Path(this.out, "run-report.json"))) {
      throw new UserException(out + ": no run-report.json (give the --out folder of "
          + "'connectome run')");
    }
    if ((this.to + "/").startsWith(this.out + "/")) {
      throw new UserException(to + ": inside " + out + " (a share must go elsewhere)");
    }
    if (toFs.exists(toPath) && toFs.listStatus(toPath).length > 0) {
      throw new UserException(to + ": not empty (a share goes into a new folder)");
    }
  }

  /** The subject and session labels of the cohort, from the run report table and folders. */
  public Set<String>[] labels() throws IOException {
    Set<String> subjects = new TreeSet<>();
    Set<String> sessions = new TreeSet<>();
    for (String table : List.of("run_report", "participants", "connectomes")) {
      String path = TablePaths.table(out, table);
      if (!outFs.exists(new Path(path, "_delta_log"))) {
        continue;
      }
      Dataset<Row> rows = spark.read().format("delta").load(path);
      List<String> columns = Arrays.asList(rows.columns());
      Iterator<Row> it = rows.select(col("subject"), columns.contains("session")
          ? col("session") : org.apache.spark.sql.functions.lit(null).cast("string"))
          .distinct().toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        if (!r.isNullAt(0)) {
          subjects.add(r.getString(0));
        }
        if (!r.isNullAt(1)) {
          sessions.add(r.getString(1));
        }
      }
    }
    for (FileStatus s : outFs.listStatus(new Path(out))) {
      String name = s.getPath().getName();
      if (s.isDirectory() && name.startsWith("sub-")) {
        subjects.add(name.substring(4));
        for (FileStatus ses : outFs.listStatus(s.getPath())) {
          if (ses.isDirectory() && ses.getPath().getName().startsWith("ses-")) {
            sessions.add(ses.getPath().getName().substring(4));
          }
        }
      }
    }
    @SuppressWarnings("unchecked")
    Set<String>[] both = new Set[] {subjects, sessions};
    return both;
  }

  /**
   * Writes the copy; {@code minSubjects} > 0 makes it summary-only.
   *
   * @return the manifest of what was removed
   */
  public ShareManifest write(LabelPseudonyms pseudonyms, boolean summaryOnly, int minSubjects)
      throws IOException {
    manifest.cohort(pseudonyms.subjects().size(), pseudonyms.sessions().size());
    FileScrubber scrubber = new FileScrubber(pseudonyms, manifest);
    if (summaryOnly) {
      manifest.summaryOnly(minSubjects);
    }
    boolean smallCohort = pseudonyms.subjects().size() < minSubjects;
    for (FileStatus listed : FileTrees.files(outFs, new Path(out))) {
      Path file = listed.getPath();
      String relative = file.toString().substring(out.length() + 1);
      String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
      if (NOT_COPIED.contains(top)) {
        continue;
      }
      if (summaryOnly && !SUMMARY_FOLDERS.contains(top)) {
        manifest.leftOut("summary-only: not a group-level result");
        continue;
      }
      String kind = FileScrubber.kind(file.getName());
      if (kind == null) {
        manifest.leftOut("format not de-identified: " + extension(file.getName()));
        continue;
      }
      if (summaryOnly && smallCohort && !relative.endsWith("relmat.tsv")) {
        manifest.leftOut("summary-only: cohort smaller than --min-subjects");
        continue;
      }
      Path target = new Path(to, pseudonyms.rewrite(relative));
      if (kind.equals("nifti")) {
        copyNifti(file, target);
      } else {
        String text = FileScrubber.utf8(read(file));
        String shared = switch (kind) {
          case "json" -> scrubber.json(text, relative);
          case "tsv" -> scrubber.tsv(text);
          default -> scrubber.text(text);
        };
        if (summaryOnly && perSubject(kind, text)) {
          manifest.leftOut("summary-only: one row per subject");
          continue;
        }
        if (summaryOnly && smallCohort) {
          shared = allCellsSuppressed(shared);
        }
        writeText(target, shared);
      }
      manifest.written(kind);
    }
    if (summaryOnly) {
      writeCohortMeans(minSubjects);
    } else {
      writeTables(pseudonyms, scrubber);
      writeReport();
    }
    writeText(new Path(to, "share_manifest.json"), manifest.toJson());
    return manifest;
  }

  private static boolean perSubject(String kind, String text) {
    if (kind.equals("tsv")) {
      String header = text.lines().findFirst().orElse("");
      return Arrays.asList(header.split("\t")).stream().anyMatch(
          c -> c.equals("subject") || c.equals("participant_id"));
    }
    return kind.equals("json") && text.contains("\"subject\"");
  }

  private String allCellsSuppressed(String tsv) {
    StringBuilder outText = new StringBuilder();
    String[] lines = tsv.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] cells = lines[i].split("\t", -1);
      for (int c = 1; i > 0 && c < cells.length; c++) {
        if (!cells[c].equals("n/a")) {
          cells[c] = "n/a";
          manifest.suppressed(1);
        }
      }
      outText.append(i > 0 ? "\n" : "").append(String.join("\t", cells));
    }
    return outText.toString();
  }

  private void writeCohortMeans(int minSubjects) throws IOException {
    String path = TablePaths.table(out, "connectomes");
    if (!outFs.exists(new Path(path, "_delta_log"))) {
      return;
    }
    Iterator<CohortMeans.Matrix> matrices =
        CohortMeans.of(spark.read().format("delta").load(path));
    while (matrices.hasNext()) {
      CohortMeans.Matrix m = matrices.next();
      long[] suppressed = {0};
      String name = "group/atlas-" + m.atlas() + "_stat-" + m.measure() + "_desc-cohortmean";
      writeText(new Path(to, name + "_relmat.tsv"),
          CohortMeans.relmat(m, minSubjects, suppressed));
      long subjects = Arrays.stream(m.subjects()).max().orElse(0);
      writeText(new Path(to, name + "_relmat.json"), "{\n  \"Atlas\" : \"" + m.atlas()
          + "\",\n  \"Statistic\" : \"" + m.measure() + "\",\n  \"Description\" : \"mean over "
          + "the cohort's runs of each cell; n/a where fewer than MinSubjects subjects have a "
          + "value\",\n  \"MaxSubjectsPerCell\" : " + subjects + ",\n  \"MinSubjects\" : "
          + minSubjects + ",\n  \"SuppressedCells\" : " + suppressed[0] + "\n}\n");
      manifest.suppressed(suppressed[0]);
      manifest.written("cohort mean relmat");
    }
  }

  /** Every table but the manifest (the store's file index), pseudonymised, as fresh Delta. */
  private void writeTables(LabelPseudonyms pseudonyms, FileScrubber scrubber) throws IOException {
    Path tables = new Path(out, "tables");
    if (!outFs.exists(tables)) {
      return;
    }
    manifest.table("manifest", "left out: it indexes the input files by store URI");
    for (FileStatus dir : outFs.listStatus(tables)) {
      String name = dir.getPath().getName();
      if (!dir.isDirectory() || name.equals("manifest")
          || !outFs.exists(new Path(dir.getPath(), "_delta_log"))) {
        continue;
      }
      Dataset<Row> rows = spark.read().format("delta").load(dir.getPath().toString());
      List<String> dropped = new ArrayList<>();
      List<Column> kept = new ArrayList<>();
      for (StructField field : rows.schema().fields()) {
        String column = field.name();
        if (IdentifyingFields.dropped(column)
            || name.equals("participants") && !participantColumn(column)) {
          dropped.add(column);
          continue;
        }
        if (field.dataType().equals(DataTypes.StringType)) {
          kept.add(scrubbed(column, pseudonyms, name.equals("participants")));
        } else if (field.dataType() instanceof ArrayType a
            && a.elementType().equals(DataTypes.StringType)) {
          // Lists of output paths name the runs' entities too.
          kept.add(transform(col(column), x -> udf((UDF1<String, String>) pseudonyms::rewrite,
              DataTypes.StringType).apply(x)).as(column));
        } else {
          kept.add(col(column));
        }
      }
      Dataset<Row> shared = rows.select(kept.toArray(new Column[0]));
      shared.write().format("delta").save(TablePaths.table(to, name));
      manifest.table(name, dropped.isEmpty() ? "pseudonymised, no history"
          : "pseudonymised, no history; columns dropped: " + String.join(", ", dropped));
      if (name.equals("participants")) {
        manifest.participants("columns_kept", Arrays.asList(shared.columns()));
        manifest.participants("columns_dropped", dropped);
        manifest.participants("age", "5-year bins (" + AgeBins.TOP + "+ for the oldest)");
        writeParticipantsTsv(shared);
      }
    }
  }

  private static boolean participantColumn(String column) {
    return column.equals("subject") || column.equals("age")
        || PARTICIPANT_COLUMNS.contains(column);
  }

  private static Column scrubbed(String column, LabelPseudonyms pseudonyms,
      boolean participants) {
    UDF1<String, String> rewrite;
    if (column.equals("subject")) {
      rewrite = v -> pseudonyms.rewrite(pseudonyms.subject(v));
    } else if (column.equals("session")) {
      rewrite = v -> pseudonyms.rewrite(pseudonyms.session(v));
    } else if (participants && column.equals("age")) {
      rewrite = AgeBins::of;
    } else {
      rewrite = pseudonyms::rewrite;
    }
    return udf(rewrite, DataTypes.StringType).apply(col(column)).as(column);
  }

  private void writeParticipantsTsv(Dataset<Row> participants) throws IOException {
    String[] columns = participants.columns();
    StringBuilder tsv = new StringBuilder("participant_id");
    for (String c : columns) {
      if (!c.equals("subject")) {
        tsv.append('\t').append(c);
      }
    }
    tsv.append('\n');
    Dataset<String> lines = participants.orderBy("subject").map((MapFunction<Row, String>) r -> {
      StringBuilder line = new StringBuilder("sub-").append(r.<String>getAs("subject"));
      for (String c : columns) {
        if (!c.equals("subject")) {
          Object v = r.getAs(c);
          line.append('\t').append(v == null ? "n/a" : v.toString());
        }
      }
      return line.toString();
    }, Encoders.STRING());
    Iterator<String> it = lines.toLocalIterator();
    while (it.hasNext()) {
      tsv.append(it.next()).append('\n');
    }
    writeText(new Path(to, "participants.tsv"), tsv.toString());
    manifest.written("tsv");
  }

  private void writeReport() {
    try {
      new CohortReport(spark, to).write();
      manifest.written("html report");
    } catch (Exception e) {
      // The copy's results are complete without it; the user can run 'report --out DIR'.
      manifest.note("HTML report not rebuilt: " + e.getClass().getSimpleName());
    }
  }

  private void copyNifti(Path file, Path target) throws IOException {
    boolean gz = file.getName().endsWith(".gz");
    try (InputStream raw = outFs.open(file);
        InputStream in = gz ? new GZIPInputStream(raw) : raw;
        OutputStream rawOut = OutputFiles.create(conf(), target.toString());
        OutputStream outStream = gz ? new GZIPOutputStream(rawOut) : rawOut) {
      byte[] header = in.readNBytes(540);
      manifest.niftiCleared(NiftiHeaderText.clear(header, file.getName()));
      outStream.write(header);
      in.transferTo(outStream);
    }
  }

  private byte[] read(Path file) throws IOException {
    try (InputStream in = outFs.open(file)) {
      return in.readAllBytes();
    }
  }

  private void writeText(Path target, String text) throws IOException {
    try (OutputStream o = OutputFiles.create(conf(), target.toString())) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private org.apache.hadoop.conf.Configuration conf() {
    return spark.sparkContext().hadoopConfiguration();
  }

  private static String extension(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? "(none)" : name.substring(dot);
  }
}
