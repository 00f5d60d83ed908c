package dev.sparkvideo.benchmarks;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * CPU time Spark's tasks spent (their {@code executorCpuTime} metric) in the jobs of the steps it wraps: what a read
 * costs the executors' cores, without the driver's scheduling, the in-process storage servers' threads, or other
 * steps run in turns with it.
 */
final class ExecutorCpu extends SparkListener {
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final SparkSession spark;
  private final String group = "executor-cpu-" + UUID.randomUUID();
  private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
  private final AtomicLong nanos = new AtomicLong();

  private ExecutorCpu(SparkSession spark) {
    this.spark = spark;
  }

  static ExecutorCpu watch(SparkSession spark) {
    ExecutorCpu cpu = new ExecutorCpu(spark);
    spark.sparkContext().addSparkListener(cpu);
    return cpu;
  }

  /** {@code step}, with the jobs it starts (from this thread) counted. */
  Timing.Step counting(Timing.Step step) {
    return () -> {
      spark.sparkContext().setJobGroup(group, "measured step", false);
      try {
        step.run();
      } finally {
        spark.sparkContext().clearJobGroup();
      }
    };
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.properties() != null && group.equals(jobStart.properties().getProperty(JOB_GROUP))) {
      for (Object stage : CollectionConverters.asJava(jobStart.stageIds())) {
        stages.add((Integer) stage);
      }
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (taskEnd.taskMetrics() != null && stages.contains(taskEnd.stageId())) {
      nanos.addAndGet(taskEnd.taskMetrics().executorCpuTime());
    }
  }

  /** Seconds of task CPU time so far, once every finished task has been reported; then stops watching. */
  double stop() throws TimeoutException {
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(this);
    return nanos.get() / 1e9;
  }
}
