package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.Remuxer;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The frame contract and the decoding of real-world classes of video through {@code spark.read.format("video")}:
 * AVI with B-frames and recordings cut mid-GOP number their frames alike with and without {@code data}, in one piece
 * or in time slices; truncated files fail naming what is missing or keep their frames under {@code
 * ignoreCorruptFiles}; {@code deinterlace} and {@code field_order}.
 */
class UserVideosSparkTest extends SparkTestBase {

  private static List<String> rows(Dataset<Row> frames, boolean withData) {
    Dataset<Row> selected = withData
        ? frames.select(col("frame_index"), col("pts"), col("is_key_frame"), md5(col("data")))
        : frames.select(col("frame_index"), col("pts"), col("is_key_frame"));
    return selected.collectAsList().stream().map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getBoolean(2)
        + (withData ? ":" + r.getString(3) : "")).sorted().toList();
  }

  private static List<String> withoutData(List<String> rows) {
    return rows.stream().map(r -> r.substring(0, r.lastIndexOf(':'))).toList();
  }

  @Test
  void aviWithBFramesCutRecordingsAndUndeclaredReorderDepthsNumberTheirFramesAlikeInEveryRead() {
    List<Video> videos = new java.util.ArrayList<>(UserVideos.cutMidGop());
    videos.add(new Video("mpeg4-avi", Fixtures.video(UserVideos.MPEG4_AVI_B_FRAMES), 0));
    videos.addAll(UserVideos.h264WithoutContainerReorderDepth());
    for (Video v : videos) {
      List<String> decoded = rows(read(v.file()), true);
      assertEquals(withoutData(decoded), rows(read(v.file()), false), v + ": the same rows without data");
      assertTrue(decoded.get(0).startsWith("0:"), v + ": frame_index 0 is the first frame: " + decoded.get(0));
      assertEquals(1, read(v.file()).where("frame_index = 0").count(), v + ": frame 0 can be asked for");
      assertTrue(decoded.stream().noneMatch(r -> r.contains(":" + Long.MIN_VALUE + ":")), v + ": no sentinel pts");
      long sliceBytes = Math.max(1, sizeOf(v.file()) / 4);
      Dataset<Row> sliced = read(v.file(), "maxPartitionBytes", String.valueOf(sliceBytes));
      assertTrue(sliced.rdd().getNumPartitions() >= 4, v + ": planned as slices");
      assertEquals(decoded, rows(sliced, true), v + ": slices together are the file, frame for frame");
    }
  }

  @Test
  void truncatedFilesFailNamingWhatIsMissingOrKeepTheFramesTheyHold() throws IOException {
    Path whole = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART));
    Path dir = Fixtures.scratch("spark-truncated");
    Path cut = Remuxer.head(whole, 0.6, dir);
    Exception e = assertThrows(Exception.class, () -> read(cut).select("frame_index").collectAsList());
    String causes = causes(e);
    assertTrue(causes.contains(cut.getFileName().toString()) && causes.contains("the file is truncated"), causes);
    assertThrows(Exception.class, () -> read(cut).count(), "count() does not trust an index the file cannot back");
    assertThrows(Exception.class, () -> read(cut, "mode", "metadata").collectAsList(), "metadata mode");

    Dataset<Row> kept = read(cut, "ignoreCorruptFiles", "true").select("frame_index", "data");
    List<Row> rows = kept.collectAsList();
    assertTrue(rows.size() > 5 && rows.size() < 30, "the frames before the cut: " + rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i, rows.get(i).getLong(0), "frames in order from the first");
    }
    assertEquals(1L, scanMetrics(kept).get(VideoMetrics.CORRUPT_FILES), "counted as a corrupt file");
    long counted = read(cut, "ignoreCorruptFiles", "true").count();
    assertTrue(counted == rows.size() || counted == rows.size() + 1,
        "count() counts the frames whose packets are there, the one cut short included: " + counted);
  }

  @Test
  void deinterlaceRunsBwdifAndFieldOrderIsReported() {
    Path interlaced = Fixtures.video(UserVideos.MPEG2_TFF_TS);
    List<String> woven = rows(read(interlaced), true);
    List<String> progressive = rows(read(interlaced, "deinterlace", "true"), true);
    assertEquals(withoutData(woven), withoutData(progressive), "one frame out per frame in, same numbering");
    assertNotEquals(woven, progressive, "other pictures");
    Row meta = read(interlaced, "mode", "metadata").select("field_order").first();
    assertEquals("tt", meta.getString(0));
    Row frame = read(Fixtures.video(UserVideos.MPEG2_BFF_PS)).select("metadata.field_order").first();
    assertEquals("bb", frame.getString(0));
  }

}
