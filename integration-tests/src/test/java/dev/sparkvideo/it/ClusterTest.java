package dev.sparkvideo.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A master and two workers in separate JVMs, the connector's single jar shipped to executors with spark.jars (as
 * {@code spark-submit --jars} does), videos on HDFS:
 * partitions are serialized, FFmpeg's natives load on the executors, the Hadoop configuration arrives by broadcast.
 */
class ClusterTest {
  private static MiniHdfs hdfs;
  private static SparkCluster cluster;
  private static SparkSession spark;
  private static String small;
  private static String large;
  private static final Set<String> TASK_EXECUTORS = ConcurrentHashMap.newKeySet();
  private static final java.util.concurrent.atomic.AtomicInteger FAILED_TASKS =
      new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Path work = Fixtures.scratch("cluster");
    hdfs = new MiniHdfs(work.resolve("hdfs"));
    FileSystem fs = hdfs.fileSystem();
    small = hdfs.uri() + "/small";
    for (VideoSpec spec : StorageTest.SMALL) {
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Fixtures.video(spec).toUri()),
          new org.apache.hadoop.fs.Path(small + "/" + spec.fileName()));
    }
    Path largeFile = Fixtures.video(StorageTest.LARGE);
    large = hdfs.uri() + "/large/" + largeFile.getFileName();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(largeFile.toUri()), new org.apache.hadoop.fs.Path(large));

    cluster = new SparkCluster(work, 2, name -> name.startsWith("spark-video-connector") && name.endsWith("-all.jar"),
        name -> name.startsWith("spark-video-connector") || name.startsWith("ffmpeg-")
            || name.startsWith("javacpp-"));
    String executorFlags = String.join(" ", SparkCluster.JAVA_FLAGS)
        + " -Dorg.bytedeco.javacpp.cachedir=" + work.resolve("javacpp-cache");
    spark = SparkSession.builder()
        .master(cluster.masterUrl())
        .appName("cluster-test")
        .config("spark.jars", cluster.shippedJars())
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.memory", "1g")
        .config("spark.executor.extraJavaOptions", executorFlags)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        TASK_EXECUTORS.add(taskEnd.taskInfo().executorId());
        if (!"Success".equals(String.valueOf(taskEnd.reason()))) {
          FAILED_TASKS.incrementAndGet();
        }
      }
    });
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < 3 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(3, spark.sparkContext().statusTracker().getExecutorInfos().length, "driver and two executors");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  void executorsReadTheSameRowsAsTheCoreReadsLocally() throws Exception {
    List<String> fromCluster = rows(spark.read().format("video").load(small).select(col("_metadata.file_name"),
        col("frame_index"), col("pts"), md5(col("data"))).collectAsList());
    List<String> expected = new java.util.ArrayList<>();
    for (VideoSpec spec : StorageTest.SMALL) {
      try (SeekableInput in = Fixtures.open(Fixtures.video(spec)); VideoFile video = VideoFile.open(in);
          FrameReader frames = video.frames()) {
        for (FrameDigest f : FrameDigest.all(frames)) {
          expected.add("[" + spec.fileName() + "," + f.index() + "," + f.pts() + "," + f.md5() + "]");
        }
      }
    }
    assertEquals(rows(expected), fromCluster);
  }

  @Test
  void aLargeFileIsSplitAcrossBothWorkersAndTheSlicesAreTheWhole() throws Exception {
    long size = hdfs.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(large)).getLen();
    TASK_EXECUTORS.clear();
    var split = spark.read().format("video").option("maxPartitionBytes", String.valueOf(size / 6)).load(large)
        .select(col("frame_index"), col("pts"), md5(col("data")));
    assertTrue(split.rdd().getNumPartitions() >= 6);
    List<String> sliced = rows(split.collectAsList());
    assertTrue(TASK_EXECUTORS.size() >= 2, "tasks ran on " + TASK_EXECUTORS);
    List<String> whole = rows(spark.read().format("video").load(large)
        .select(col("frame_index"), col("pts"), md5(col("data"))).collectAsList());
    assertEquals(300, whole.size());
    assertEquals(whole, sliced);
  }

  @Test
  void aKilledExecutorsTasksAreRetriedAndTheResultIsExact() throws Exception {
    var query = spark.read().format("video").option("maxPartitionBytes",
        String.valueOf(hdfs.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(large)).getLen() / 8))
        .load(large).select(col("frame_index"), md5(col("data")));
    Thread killer = new Thread(() -> {
      try {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
          if (spark.sparkContext().statusTracker().getActiveStageIds().length > 0) {
            Thread.sleep(1500);
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .findFirst().ifPresent(ProcessHandle::destroyForcibly);
            return;
          }
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    FAILED_TASKS.set(0);
    killer.start();
    List<String> rows = rows(query.collectAsList());
    killer.join();
    assertTrue(FAILED_TASKS.get() > 0, "an executor was killed while its tasks ran");
    assertEquals(300, rows.size());
    assertEquals(rows(spark.read().format("video").load(large).select(col("frame_index"), md5(col("data")))
        .collectAsList()), rows, "the retried result is exact");
  }

  private static List<String> rows(List<?> rows) {
    return rows.stream().map(Object::toString).sorted().toList();
  }
}
