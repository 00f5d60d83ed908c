package dev.sparkvideo.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.Mp4Boxes;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input through {@code format("video")}: bad options fail at planning naming the option; corrupt files, files
 * whose media is elsewhere and files deleted after planning fail naming the file, or are skipped with
 * {@code ignoreCorruptFiles}/{@code ignoreMissingFiles}.
 */
class BadInputTest extends SparkTestBase {
  private static Path dir;
  private static Path mp4;
  private static Path mkv;

  @BeforeAll
  static void files() throws IOException {
    dir = Fixtures.scratch("spark-bad-input");
    mp4 = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));
    mkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).withAudio());
  }

  @Test
  void badOptionsFailAtPlanningNamingTheOption() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> read(mp4, "frameformatt", "png").count());
    assertTrue(unknown.getMessage().contains("frameformatt") && unknown.getMessage().contains("frameFormat"),
        unknown.getMessage());
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> read(mp4, "FRAMEFORMAT", "webp").count());
    assertTrue(format.getMessage().contains("frameFormat") && format.getMessage().contains("rgb24, bgr24"),
        format.getMessage());
    assertThrows(IllegalArgumentException.class, () -> read(mp4, "mode", "thumbnails").count());
    assertThrows(IllegalArgumentException.class, () -> read(mp4, "width", "-3").count());
    assertThrows(IllegalArgumentException.class, () -> read(mp4, "startSeconds", "soon").count());
    assertThrows(IllegalArgumentException.class, () -> read(mp4, "startSeconds", "2", "endSeconds", "1").count());
    assertEquals(30, read(mp4, "fs.file.impl.disable.cache", "true").count(), "Hadoop settings pass through");
    Exception guard = assertThrows(Exception.class,
        () -> read(mp4, "maxFramePixels", "1000").select("data").collectAsList());
    assertTrue(causes(guard).contains("maxFramePixels=1000"), causes(guard));
    Exception rowBytes = assertThrows(Exception.class,
        () -> read(mp4, "maxFrameBytes", "1000").select("data").collectAsList());
    assertTrue(causes(rowBytes).contains("maxFrameBytes=1000"), causes(rowBytes));
  }

  @Test
  void corruptFilesFailOrAreSkipped() throws IOException {
    Path corrupt = Fixtures.scratch("spark-corrupt");
    Files.copy(mp4, corrupt.resolve("good.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(corrupt.resolve("bad.mp4"), "this is not a video\n".repeat(100));
    Exception e = assertThrows(Exception.class, () -> read(corrupt).select("frame_index").collectAsList());
    assertTrue(causes(e).contains("bad.mp4"), causes(e));
    Dataset<Row> skipped = read(corrupt, "ignoreCorruptFiles", "true").select("frame_index");
    assertEquals(30, skipped.collectAsList().size());
    assertEquals(1L, scanMetrics(skipped).get(VideoMetrics.CORRUPT_FILES));
    spark.conf().set("spark.sql.files.ignoreCorruptFiles", "true");
    try {
      assertEquals(30, read(corrupt).select("frame_index").count(), "the session conf is the default");
    } finally {
      spark.conf().unset("spark.sql.files.ignoreCorruptFiles");
    }
  }

  @Test
  void filesWithMediaInAnotherFileFailOrAreSkipped() throws IOException {
    Path dir = Fixtures.scratch("spark-dref");
    Files.copy(mp4, dir.resolve("good.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.write(dir.resolve("reference.mp4"), Mp4Boxes.replace(Files.readAllBytes(mp4),
        List.of("moov", "trak", "mdia", "minf", "dinf", "dref"), Mp4Boxes.aliasDataReference("good.mp4")));
    Exception e = assertThrows(Exception.class, () -> read(dir).select("frame_index").collectAsList());
    assertTrue(causes(e).contains("reference.mp4") && causes(e).contains("external data reference"), causes(e));
    Exception counted = assertThrows(Exception.class, () -> read(dir).count());
    assertTrue(causes(counted).contains("reference.mp4"), "count() does not trust the index: " + causes(counted));
    Dataset<Row> skipped = read(dir, "ignoreCorruptFiles", "true").select("frame_index");
    assertEquals(30, skipped.collectAsList().size());
    assertEquals(1L, scanMetrics(skipped).get(VideoMetrics.CORRUPT_FILES));
  }

  @Test
  void filesDeletedAfterPlanningFailOrAreSkipped() throws IOException {
    for (boolean ignore : new boolean[] {false, true}) {
      Path missing = Fixtures.scratch("spark-missing-" + ignore);
      Files.copy(mp4, missing.resolve("stays.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path goes = Files.copy(mkv, missing.resolve("goes.mkv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      var rdd = read(missing, "ignoreMissingFiles", String.valueOf(ignore)).select("frame_index").rdd();
      Files.delete(goes);
      if (ignore) {
        assertEquals(30, rdd.count());
      } else {
        Exception e = assertThrows(Exception.class, rdd::count);
        assertTrue(causes(e).contains("goes.mkv"), causes(e));
      }
    }
    for (String ignore : new String[] {"false", "true"}) {
      // As Spark's file sources: a root path that does not exist fails load(), whatever ignoreMissingFiles says.
      org.apache.spark.sql.AnalysisException e = assertThrows(org.apache.spark.sql.AnalysisException.class,
          () -> read(dir.resolve("nothing-here.mp4"), "ignoreMissingFiles", ignore));
      assertEquals("PATH_NOT_FOUND", e.getCondition());
    }
  }
}
