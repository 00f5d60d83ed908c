package dev.sparkvideo.spark;

import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {
  @Test
  void smoke() {
    Path f = Fixtures.video(VideoSpec.of(VideoSpec.Codec.H264, VideoSpec.Container.MP4_MOOV_AT_END));
    SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> df = spark.read().format("video").load(f.toString());
      df.printSchema();
      System.out.println("count=" + df.count());
      df.select("path", "frame_index", "pts_seconds", "is_key_frame", "width", "_metadata.file_size").show(5, false);
      df.where("pts_seconds >= 0.5").select("frame_index").explain();
      System.out.println(df.where("pts_seconds >= 0.5").selectExpr("frame_index", "length(data)").collectAsList());
      spark.read().format("video").option("mode", "metadata").load(f.toString()).show(false);
    } finally {
      spark.stop();
    }
  }
}
