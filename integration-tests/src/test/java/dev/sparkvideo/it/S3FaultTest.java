package dev.sparkvideo.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The S3 server goes away in the middle of a read: the query fails clearly within S3A's bounded retries and
 * timeouts, or (when the server comes back in time) completes exactly; it never hangs and never returns wrong rows.
 */
class S3FaultTest {
  private static S3Server s3;
  private static SparkSession spark;
  private static String path;
  private static List<String> expected;

  @BeforeAll
  static void start() throws Exception {
    Path work = Fixtures.scratch("s3-faults");
    s3 = new S3Server(work.resolve("s3"));
    s3.createBucket("faults");
    spark = s3.configure(SparkSession.builder().master("local[2]").appName("s3-faults")
        .config("spark.ui.enabled", "false")).getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Path large = Fixtures.video(StorageTest.LARGE);
    path = "s3a://faults/" + large.getFileName();
    StorageTest.upload(spark, large, path);
    expected = rows(query());
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  private static Dataset<Row> query() {
    return spark.read().format("video").option("ioBufferSize", "1048576").load(path)
        .select(col("frame_index"), md5(col("data")));
  }

  private static List<String> rows(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** Runs the query, takes the server down once a reader is open, brings it back after {@code downMillis}. */
  private static Object readWhileServerGoesDown(long downMillis) throws Exception {
    CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> {
      try {
        return rows(query());
      } catch (Exception e) {
        // SparkException is checked but thrown through collectAsList.
        return e;
      }
    });
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (VideoFile.openCount() == 0 && !result.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(VideoFile.openCount() > 0 || !result.isDone(), "the read was under way");
    s3.stop();
    try {
      Thread.sleep(downMillis);
    } finally {
      s3.start();
    }
    return result.get(180, TimeUnit.SECONDS);
  }

  @Test
  void serverUnreachableMidReadFailsClearlyWithinTheTimeouts() throws Exception {
    long t0 = System.nanoTime();
    Object outcome = readWhileServerGoesDown(40_000);
    assertTrue(System.nanoTime() - t0 < 200_000_000_000L, "bounded");
    if (outcome instanceof Exception e) {
      String causes = StorageTest.causes(e);
      assertTrue(causes.contains(path) || causes.contains("127.0.0.1") || causes.contains("Connect"), causes);
    } else {
      assertEquals(expected, outcome, "if the read outlived the outage, its rows are exact");
    }
    assertEquals(expected, rows(query()), "the server is back: the same query reads everything again");
  }

  @Test
  void serverRestartedMidReadNeverGivesWrongRows() throws Exception {
    Object outcome = readWhileServerGoesDown(200);
    if (outcome instanceof Exception e) {
      assertTrue(StorageTest.causes(e).contains(path), StorageTest.causes(e));
    } else {
      assertEquals(expected, outcome, "S3A retried through the restart: the rows are exact");
    }
  }
}
