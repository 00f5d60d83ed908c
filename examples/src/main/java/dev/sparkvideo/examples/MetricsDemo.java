package dev.sparkvideo.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one query with the Spark UI on {@code http://127.0.0.1:4040} and keeps the application alive until the file
 * named by the second argument exists (at most ten minutes), so that the SQL tab, with the connector's metrics, can
 * be looked at or captured ({@code docs/tools/sql-tab-screenshot.sh} does).
 *
 * <p>Usage: {@code MetricsDemo VIDEOS STOP_FILE}.
 */
public final class MetricsDemo {
  private MetricsDemo() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: MetricsDemo VIDEOS STOP_FILE");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("spark-video metrics").master("local[2]")
        .config("spark.ui.enabled", "true").config("spark.ui.port", "4040")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    long rows = spark.read().format("video").load(args[0])
        .where(col("pts_seconds").between(2.0, 3.0))
        .select(col("path"), col("frame_index"), md5(col("data")))
        .collectAsList().size();
    System.out.println("Read " + rows + " frames; the SQL tab is at http://127.0.0.1:4040/SQL/");
    Path stop = Path.of(args[1]);
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!Files.exists(stop) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    spark.stop();
  }
}
