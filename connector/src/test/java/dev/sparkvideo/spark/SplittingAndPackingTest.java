package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.Fixtures;
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

/** Large files become time slices that tile the file; small files are packed into few tasks with the same rows. */
class SplittingAndPackingTest extends SparkTestBase {
  private static Path mp4;
  private static Path mkv;
  private static Path bframes;
  private static Path large;

  @BeforeAll
  static void files() throws IOException {
    mp4 = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END));
    mkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).withAudio());
    bframes = Fixtures.video(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).bFrames(2));
    large = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1280, 720).frames(300).gop(50)
        .bitRate(4_000_000).noise());
  }

  @Test
  void largeFilesAreSplitIntoTimeSlicesThatTileTheFile() {
    for (Path file : List.of(large, bframes, mkv)) {
      long sliceBytes = Math.max(1, sizeOf(file) / 5);
      Dataset<Row> split = read(file, "maxPartitionBytes", String.valueOf(sliceBytes))
          .select(col("frame_index"), col("pts"), md5(col("data")));
      assertTrue(split.rdd().getNumPartitions() >= 5, file + ": " + split.rdd().getNumPartitions() + " partitions");
      List<String> sliced = split.collectAsList().stream()
          .map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getString(2)).sorted().toList();
      List<String> whole = read(file).select(col("frame_index"), col("pts"), md5(col("data"))).collectAsList()
          .stream().map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getString(2)).sorted().toList();
      assertEquals(whole, sliced, file + ": the slices together are the file, frame for frame");
      assertEquals(whole.size(), sliced.stream().distinct().count(), "no frame twice");
    }
    assertEquals(1, read(large).rdd().getNumPartitions(), "128 MB default: one partition");
  }

  @Test
  void slicesOfAFileWithoutAFrameIndexShareTheirPacketCounts() throws IOException {
    // Matroska and MPEG-TS: each slice numbers its frames by the packets before its start; a slice that starts after
    // another has read on counts from where that one got, not from the file's start. 8 slices of these 18 MB files
    // read 6.4-6.8 times the file when each counted from the start, 3.8-4.0 times now: most of the rest is each
    // slice's own header (its two 1 MiB ends and FFmpeg's probe, beside 2.2 MB of frames).
    for (Container container : List.of(Container.MKV, Container.MPEG_TS)) {
      Path original = Fixtures.video(VideoSpec.of(Codec.H264, container).size(1280, 720).frames(300).gop(50)
          .bitRate(4_000_000).noise());
      Path file = newVersion(original);
      Dataset<Row> split = read(file, "maxPartitionBytes", String.valueOf(sizeOf(file) / 8 + 1))
          .select(col("frame_index"), col("pts"), md5(col("data")));
      List<String> sliced = split.collectAsList().stream()
          .map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getString(2)).sorted().toList();
      long bytes = scanMetrics(split).get(VideoMetrics.BYTES_READ);
      List<String> whole = read(newVersion(original)).select(col("frame_index"), col("pts"), md5(col("data")))
          .collectAsList().stream().map(r -> r.getLong(0) + ":" + r.getLong(1) + ":" + r.getString(2)).sorted()
          .toList();
      assertEquals(8, split.rdd().getNumPartitions());
      assertEquals(whole, sliced, container + ": the slices together are the file, frame for frame");
      assertTrue(bytes < 5 * sizeOf(file), container + ": " + bytes + " bytes read by 8 slices of a file of "
          + sizeOf(file));
    }
  }

  /** A copy of {@code file}: a file version no reader in this JVM has counted. */
  private static Path newVersion(Path file) throws IOException {
    Path copy = Files.copy(file, Fixtures.scratch("split-versions").resolve(System.nanoTime() + "-"
        + file.getFileName()));
    copy.toFile().deleteOnExit();
    return copy;
  }

  @Test
  void smallFilesArePackedIntoFewTasksWithTheSameRowsAndSummedMetrics() throws IOException {
    Path dir = Fixtures.scratch("spark-many-small");
    List<String> expected = new java.util.ArrayList<>();
    long bytesAlone = 0;
    for (int i = 0; i < 12; i++) {
      Path copy = Files.copy(i % 2 == 0 ? mp4 : mkv, dir.resolve(i + (i % 2 == 0 ? ".mp4" : ".mkv")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Dataset<Row> alone = read(copy).select(col("_metadata.file_name"), col("frame_index"), md5(col("data")));
      alone.collectAsList().forEach(r -> expected.add(r.toString()));
      bytesAlone += scanMetrics(alone).get(VideoMetrics.BYTES_READ);
    }
    Dataset<Row> packed = read(dir).select(col("_metadata.file_name"), col("frame_index"), md5(col("data")));
    assertTrue(packed.rdd().getNumPartitions() < 12 && packed.rdd().getNumPartitions() >= 2,
        packed.rdd().getNumPartitions() + " partitions for 12 small files on local[2]");
    List<String> rows = packed.collectAsList().stream().map(Row::toString).sorted().toList();
    assertEquals(expected.stream().sorted().toList(), rows, "the same rows as reading each file alone");
    assertEquals(bytesAlone, scanMetrics(packed).get(VideoMetrics.BYTES_READ), "metrics summed over the files");
    assertEquals(12, read(dir, "mode", "metadata").select("path").distinct().count(), "metadata mode packs too");
  }
}
