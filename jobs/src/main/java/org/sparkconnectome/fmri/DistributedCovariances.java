package org.sparkconnectome.fmri;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparkconnectome.signal.CompensatedSum;
import org.sparkconnectome.signal.CovarianceGroup;
import org.sparkconnectome.signal.RegionMatrix;
import scala.Tuple2;

/**
 * A group of covariances held by the executors, one (source, covariance) pair per run: every sum
 * the geometric mean asks for is a {@code treeAggregate}, so the driver holds a few R x R partial
 * sums at a time, not one matrix per run. The RDD is persisted (memory, then disk) for the dozen
 * passes a fit makes; {@link #close} releases it.
 */
public final class DistributedCovariances implements CovarianceGroup, AutoCloseable {
  /** Levels of the aggregation tree: partial sums meet on executors before the driver. */
  private static final int TREE_DEPTH = 2;

  private final JavaRDD<Tuple2<String, RegionMatrix>> covariances;

  public DistributedCovariances(JavaRDD<Tuple2<String, RegionMatrix>> covariances) {
    this.covariances = covariances.persist(StorageLevel.MEMORY_AND_DISK());
  }

  @Override
  public Survey survey() {
    return covariances.treeAggregate(new Survey(), (s, c) -> s.add(c._1(), c._2()),
        Survey::merge, TREE_DEPTH);
  }

  @Override
  public double[] sum(Term term, int length) {
    return covariances.treeAggregate(new CompensatedSum(length),
        (s, c) -> s.add(term.apply(c._1(), c._2())), CompensatedSum::merge, TREE_DEPTH).value();
  }

  @Override
  public void close() {
    covariances.unpersist(false);
  }
}
