package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.CountingFileSystem;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests waited for one after the other, behind a file system where each open and each read request takes a fixed
 * time (as a GET to S3 does): the first frame of an MP4 with its index at the end, and a task of many small files.
 */
class RoundTripTest extends SparkTestBase {
  private static final long LATENCY_MS = 30;
  private static final int FILES = 12;
  private static Path indexAtEnd;
  private static Path many;

  @BeforeAll
  static void files() throws Exception {
    indexAtEnd = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1280, 720).frames(60)
        .gop(30).bitRate(4_000_000).noise());
    Path small = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(320, 240).frames(20));
    many = Files.createDirectories(Fixtures.scratch("round-trips").resolve("many"));
    for (int i = 0; i < FILES; i++) {
      Files.copy(small, many.resolve("v" + i + ".mp4"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @BeforeEach
  void slowStorage() {
    CountingFileSystem.requestSettings(LATENCY_MS).forEach((k, v) -> spark.conf().set(k, v));
  }

  @AfterEach
  void plainStorage() {
    CountingFileSystem.requestSettings(LATENCY_MS).keySet().forEach(k -> spark.conf().unset(k));
  }

  private static List<String> rows(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void theFirstFrameOfAnMp4WithItsIndexAtTheEndWaitsForThreeRoundTrips() {
    CountingFileSystem.resetRequests();
    List<String> slow = rows(spark.read().format("video").load(CountingFileSystem.uri(indexAtEnd))
        .where("frame_index = 0").select(col("pts"), md5(col("data"))));
    int trips = CountingFileSystem.roundTrips();
    assertEquals(rows(read(indexAtEnd).where("frame_index = 0").select(col("pts"), md5(col("data")))), slow);
    assertTrue(trips <= 3, "the open, both ends at once, the rest of the keyframe; waited for " + trips
        + " of " + CountingFileSystem.requests() + " requests");
  }

  @Test
  void aTaskOfManyFilesOpensTheNextOnesWhileReadingOne() {
    String uri = CountingFileSystem.uri(many);
    CountingFileSystem.resetRequests();
    List<String> oneByOne = rows(spark.read().format("video").option("mode", "metadata").option("openAhead", "0")
        .load(uri).select("path", "codec", "width", "num_frames"));
    int tripsOneByOne = CountingFileSystem.roundTrips();
    int requestsOneByOne = CountingFileSystem.requests();
    CountingFileSystem.resetRequests();
    List<String> ahead = rows(spark.read().format("video").option("mode", "metadata").load(uri)
        .select("path", "codec", "width", "num_frames"));
    int tripsAhead = CountingFileSystem.roundTrips();
    assertEquals(oneByOne, ahead);
    assertEquals(FILES, ahead.size());
    assertTrue(tripsAhead * 2 <= tripsOneByOne, "opened ahead: " + tripsAhead + " round trips of "
        + CountingFileSystem.requests() + " requests; one by one: " + tripsOneByOne + " of " + requestsOneByOne);

    CountingFileSystem.resetRequests();
    List<String> firstFrames = rows(spark.read().format("video").load(uri).where("frame_index = 0")
        .select(col("path"), md5(col("data"))));
    assertEquals(FILES, firstFrames.size());
    assertTrue(CountingFileSystem.roundTrips() * 2 <= tripsOneByOne, "first frames of every file: "
        + CountingFileSystem.roundTrips() + " round trips");
  }
}
