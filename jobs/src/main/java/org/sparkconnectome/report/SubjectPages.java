package org.sparkconnectome.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparkconnectome.io.OutputFiles;
import org.sparkconnectome.io.SerializableHadoopConf;

/**
 * Writes the subject pages on the executors: a Spark job over subjects, each page streamed
 * through the Hadoop FileSystem like the other outputs. The driver renders none of them, so the
 * report's driver memory does not grow with the pages' figures.
 */
final class SubjectPages {
  /** Subjects per task at most: many small tasks balance pages of unequal size. */
  private static final int TASKS_PER_CORE = 4;

  private SubjectPages() {
  }

  /** @return the number of pages written */
  static long write(SparkSession spark, String reportFolder, List<SubjectPage> pages) {
    if (pages.isEmpty()) {
      return 0;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(pages.size(), jsc.defaultParallelism() * TASKS_PER_CORE));
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    jsc.setJobDescription("report: " + pages.size() + " subject pages");
    try {
      jsc.parallelize(pages, slices)
          .foreachPartition(it -> writeAll(it, conf, reportFolder));
    } finally {
      jsc.setJobDescription(null);
    }
    return pages.size();
  }

  private static void writeAll(Iterator<SubjectPage> pages, SerializableHadoopConf conf,
      String reportFolder) throws IOException {
    while (pages.hasNext()) {
      SubjectPage page = pages.next();
      String target = OutputFiles.resolve(reportFolder, SubjectPage.fileName(page.subject));
      try (Writer out = new BufferedWriter(OutputFiles.createText(conf.get(), target))) {
        page.write(out);
      }
    }
  }
}
