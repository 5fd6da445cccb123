package org.sparkconnectome.fmri;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sparkconnectome.signal.RegionMatrix;
import org.sparkconnectome.signal.TangentEmbedding;
import org.sparkconnectome.signal.TimeSeries;
import org.sparkconnectome.testing.SharedSpark;

/** The group tangent's fit on the driver (small groups) equals the tree-aggregated one. */
class GroupTangentFitTest {

  @Test
  void aSmallGroupFittedOnTheDriverEqualsTheExecutorsFit() {
    int regions = 6;
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    List<RegionMatrix> covariances = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      double[] v = new double[(50 + s) * regions];
      for (int i = 0; i < v.length; i++) {
        v[i] = random.nextGaussian();
      }
      RegionMatrix c = TangentEmbedding.subjectCovariance(new TimeSeries(50 + s, regions, v));
      covariances.add(c);
      rows.add(RowFactory.create("sub-" + s, Arrays.asList(FunctionalTables.upper(c)),
          regions));
    }
    StructType schema = new StructType().add("source", DataTypes.StringType)
        .add("upper", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("n_regions", DataTypes.IntegerType);
    SparkSession spark = SharedSpark.get();
    Dataset<Row> group = spark.createDataFrame(rows, schema).repartition(4);
    TangentEmbedding driver = GroupTangent.fit(group, regions);
    TangentEmbedding executors = GroupTangent.fit(group, regions, 0);
    TangentEmbedding reference = TangentEmbedding.fit(covariances);
    double[] a = driver.mean().values();
    double[] b = executors.mean().values();
    double[] c = reference.mean().values();
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 1e-12, "mean at " + i);
      assertEquals(c[i], a[i], 1e-12, "mean at " + i);
    }
  }
}
