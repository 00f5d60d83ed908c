package dev.sparkvideo.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * CPU time Spark's tasks spent (their {@code executorCpuTime} metric), summed over the steps it watches: what a read
 * costs the executors' cores, without the driver's scheduling or the in-process storage servers' threads.
 */
final class ExecutorCpu extends SparkListener {
  private final SparkSession spark;
  private final AtomicLong nanos = new AtomicLong();

  private ExecutorCpu(SparkSession spark) {
    this.spark = spark;
  }

  static ExecutorCpu watch(SparkSession spark) {
    ExecutorCpu cpu = new ExecutorCpu(spark);
    spark.sparkContext().addSparkListener(cpu);
    return cpu;
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null) {
      nanos.addAndGet(taskEnd.taskMetrics().executorCpuTime());
    }
  }

  /** Seconds of task CPU time so far, once every finished task has been reported; then stops watching. */
  double stop() throws java.util.concurrent.TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(this);
    return nanos.get() / 1e9;
  }
}
