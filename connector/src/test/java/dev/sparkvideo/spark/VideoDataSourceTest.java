package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.ffmpeg.FrameReader;
import dev.sparkvideo.ffmpeg.FrameRequest;
import dev.sparkvideo.ffmpeg.VideoFile;
import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.Mp4Boxes;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code spark.read.format("video")}: columns, options, pruning depths, pushdown, limits and files. */
class VideoDataSourceTest extends SparkTestBase {
  private static Path dir;
  private static Path mp4;
  private static Path mkv;
  private static Path bframes;
  private static Path large;

  @BeforeAll
  static void files() throws IOException {
    dir = Fixtures.scratch("spark-videos");
    mp4 = copy(Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END)), "a.mp4");
    mkv = copy(Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).withAudio()), "b.mkv");
    bframes = copy(Fixtures.video(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).bFrames(2)), "c.mp4");
    Files.writeString(dir.resolve(".hidden.mp4"), "not read");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    large = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1280, 720).frames(300).gop(50)
        .bitRate(4_000_000).noise());
  }

  private static Path copy(Path source, String name) throws IOException {
    Path target = dir.resolve(name);
    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  private static List<FrameDigest> core(Path file, FrameRequest request) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(request)) {
      return FrameDigest.all(frames);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String uri(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri()).toString();
  }

  @Test
  void frameRowsCarryEveryColumn() {
    List<Row> rows = read(mp4).orderBy("frame_index").collectAsList();
    List<FrameDigest> expected = core(mp4, FrameRequest.defaults());
    assertEquals(30, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      FrameDigest e = expected.get(i);
      assertEquals(uri(mp4), r.getString(r.fieldIndex("path")));
      assertEquals(0, r.getInt(r.fieldIndex("stream_index")));
      assertEquals(e.index(), r.getLong(r.fieldIndex("frame_index")));
      assertEquals(e.pts(), r.getLong(r.fieldIndex("pts")));
      assertEquals(e.ptsSeconds(), r.getDouble(r.fieldIndex("pts_seconds")));
      assertEquals(0.04, r.getDouble(r.fieldIndex("duration_seconds")), 1e-9);
      assertEquals(e.key(), r.getBoolean(r.fieldIndex("is_key_frame")));
      assertEquals(160, r.getInt(r.fieldIndex("width")));
      assertEquals(120, r.getInt(r.fieldIndex("height")));
      assertEquals(e.md5(), FrameDigest.md5((byte[]) r.get(r.fieldIndex("data"))));
      Row metadata = r.getStruct(r.fieldIndex("metadata"));
      assertEquals("h264", metadata.getString(metadata.fieldIndex("codec")));
      assertEquals(30L, metadata.getLong(metadata.fieldIndex("num_frames_from_header")));
      assertEquals("1/12800", metadata.getString(metadata.fieldIndex("time_base")));
      assertTrue(metadata.isNullAt(metadata.fieldIndex("num_frames_from_content")));
      Row container = metadata.getStruct(metadata.fieldIndex("container"));
      assertEquals("mov,mp4,m4a,3gp,3g2,mj2", container.getString(container.fieldIndex("format")));
    }
  }

  @Test
  void fileMetadataColumnIsThereWhenAskedFor() throws IOException {
    Row r = read(mp4).select("_metadata.file_path", "_metadata.file_name", "_metadata.file_size",
        "_metadata.file_modification_time", "frame_index").where("frame_index = 3").first();
    assertEquals(uri(mp4), r.getString(0));
    assertEquals("a.mp4", r.getString(1));
    assertEquals(Files.size(mp4), r.getLong(2));
    assertEquals(Files.getLastModifiedTime(mp4).toMillis(), ((Timestamp) r.get(3)).getTime());
    assertEquals(1, read(dir).where(col("_metadata.file_name").equalTo("b.mkv")).select("path").distinct().count());
  }

  @Test
  void metadataModeGivesOneRowPerStreamFromHeaders() {
    List<Row> rows = read(dir, "mode", "metadata").orderBy("path", "stream_index").collectAsList();
    assertEquals(List.of("a.mp4:video", "b.mkv:video", "b.mkv:audio", "c.mp4:video"), rows.stream()
        .map(r -> r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1) + ":"
            + r.getString(r.fieldIndex("media_type"))).toList());
    Row audio = rows.get(2);
    assertEquals("aac", audio.getString(audio.fieldIndex("codec")));
    assertEquals(16000, audio.getInt(audio.fieldIndex("sample_rate")));
    assertEquals(2, audio.getInt(audio.fieldIndex("num_channels")));
    assertTrue(audio.isNullAt(audio.fieldIndex("width")));
    Row container = rows.get(0).getStruct(rows.get(0).fieldIndex("container"));
    assertEquals(0, container.getInt(container.fieldIndex("best_video_stream_index")));

    List<Row> exact = read(dir, "mode", "metadata", "seekMode", "exact").where("media_type = 'video'")
        .select("num_frames_from_content", "num_frames", "begin_stream_seconds_from_content").collectAsList();
    assertEquals(3, exact.size());
    for (Row r : exact) {
      assertEquals(30L, r.getLong(0));
      assertEquals(30L, r.getLong(1));
      assertTrue(!r.isNullAt(2));
    }
  }

  @Test
  void countReadsOnlyTheHeaderAndDecodesNothing() throws IOException {
    Dataset<Row> df = read(large);
    assertEquals(300, df.count());
    Map<String, Long> m = scanMetrics(df);
    assertEquals(0L, m.get(VideoMetrics.FRAMES_DECODED));
    assertTrue(m.get(VideoMetrics.BYTES_READ) < Files.size(large) * 0.02, "bytes read " + m);

    Dataset<Row> metadata = read(large, "mode", "metadata");
    assertEquals(1, metadata.collectAsList().size());
    Map<String, Long> mm = scanMetrics(metadata);
    assertTrue(mm.get(VideoMetrics.BYTES_READ) < Files.size(large) * 0.02, "metadata mode reads the header: " + mm);

    Dataset<Row> noIndex = read(mkv).select("path", "metadata.codec");
    assertEquals(30, noIndex.collectAsList().size(), "Matroska has no frame index: packets are counted");
    assertEquals(0L, scanMetrics(noIndex).get(VideoMetrics.FRAMES_DECODED));
  }

  @Test
  void perFrameColumnsWithoutDataReadPacketsOnly() {
    Dataset<Row> df = read(bframes).select("frame_index", "pts", "is_key_frame", "width");
    List<Row> rows = df.orderBy("frame_index").collectAsList();
    List<FrameDigest> expected = core(bframes, FrameRequest.defaults());
    assertEquals(expected.stream().map(FrameDigest::pts).toList(), rows.stream().map(r -> r.getLong(1)).toList());
    assertEquals(0L, scanMetrics(df).get(VideoMetrics.FRAMES_DECODED));
    Dataset<Row> decoded = read(bframes).select("frame_index", "data");
    assertEquals(30, decoded.collectAsList().size());
    assertEquals(30L, scanMetrics(decoded).get(VideoMetrics.FRAMES_DECODED));
    assertEquals(30L, scanMetrics(decoded).get(VideoMetrics.FRAMES_RETURNED));
  }

  @Test
  void timeFilterBecomesASeek() throws IOException {
    Dataset<Row> df = read(large).where("pts_seconds >= 10").select(col("frame_index"), md5(col("data")));
    assertTrue(df.queryExecution().executedPlan().toString().contains("pts_seconds >= 10.0"),
        "explain shows the pushed filter: " + df.queryExecution().executedPlan());
    List<Long> indices = df.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
    assertEquals(LongRange.of(250, 300), indices);
    Map<String, Long> m = scanMetrics(df);
    assertTrue(m.get(VideoMetrics.FRAMES_DECODED) <= 100, "decoded " + m);
    assertTrue(m.get(VideoMetrics.BYTES_READ) < Files.size(large) * 0.4, "read " + m);

    // The same filter in a form Spark cannot push (an expression of the column) gives the same rows, decoding all.
    Dataset<Row> unpushed = read(large).where("pts_seconds + 0 >= 10").select(col("frame_index"), md5(col("data")));
    assertEquals(sorted(df), sorted(unpushed));
    assertEquals(300L, scanMetrics(unpushed).get(VideoMetrics.FRAMES_DECODED));

    Dataset<Row> window = read(large).where("pts_seconds > 6.0 and pts_seconds <= 6.4").select("frame_index");
    assertEquals(LongRange.of(151, 161), window.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList());
  }

  @Test
  void collectedPixelArraysAreEachFramesOwn() {
    // The reader overwrites one array per frame; every way of taking rows out of Spark must still see each frame.
    Map<Long, String> expected = core(mp4, FrameRequest.defaults()).stream()
        .collect(Collectors.toMap(FrameDigest::index, FrameDigest::md5));
    Dataset<Row> df = read(mp4).select("frame_index", "data");
    List<Row> collected = df.collectAsList();
    List<Row> viaRdd = df.javaRDD().collect();
    List<Row> iterated = new java.util.ArrayList<>();
    df.toLocalIterator().forEachRemaining(iterated::add);
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    List<Row> interpreted;
    try {
      interpreted = read(mp4).select("frame_index", "data").collectAsList();
    } finally {
      spark.conf().unset("spark.sql.codegen.wholeStage");
    }
    for (List<Row> rows : List.of(collected, viaRdd, iterated, interpreted)) {
      assertEquals(30, rows.size());
      for (Row r : rows) {
        assertEquals(expected.get(r.getLong(0)), FrameDigest.md5((byte[]) r.get(1)), "frame " + r.getLong(0));
      }
    }
  }

  @Test
  void aFirstFrameQueryIsOneTaskDecodingOneFrame() {
    Dataset<Row> first = read(large, "maxPartitionBytes", String.valueOf(sizeOf(large) / 5))
        .where("frame_index = 0").select(md5(col("data")));
    assertEquals(1, first.rdd().getNumPartitions(), "an upper frame_index bound does not split the file");
    assertEquals(1, first.collectAsList().size());
    assertEquals(1L, scanMetrics(first).get(VideoMetrics.FRAMES_DECODED));
  }

  @Test
  void frameIndexAndKeyframeFiltersArePushed() {
    Dataset<Row> df = read(large).where("frame_index between 200 and 209").select(col("frame_index"),
        md5(col("data")));
    assertEquals(LongRange.of(200, 210), df.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList());
    assertTrue(scanMetrics(df).get(VideoMetrics.FRAMES_DECODED) <= 70, "decoded " + scanMetrics(df));
    Dataset<Row> unpushed = read(large).where("frame_index * 2 between 400 and 418").select(col("frame_index"),
        md5(col("data")));
    assertEquals(sorted(df), sorted(unpushed));
    assertEquals(300L, scanMetrics(unpushed).get(VideoMetrics.FRAMES_DECODED));

    List<FrameDigest> keyframes = core(mp4, FrameRequest.builder().keyframesOnly(true).build());
    Dataset<Row> keys = read(mp4).where("is_key_frame").select("frame_index", "data");
    List<Row> rows = keys.collectAsList();
    assertEquals(keyframes.stream().map(FrameDigest::index).toList(),
        rows.stream().map(r -> r.getLong(0)).sorted().toList());
    assertEquals((long) keyframes.size(), scanMetrics(keys).get(VideoMetrics.FRAMES_DECODED));
    assertEquals(30 - keyframes.size(), read(mp4).where("not is_key_frame").count());
    Dataset<Row> keysUnpushed = read(mp4).where("is_key_frame = (1 = 1 + 0)").select("frame_index", "data");
    assertEquals(sorted(keys), sorted(keysUnpushed));
  }

  @Test
  void fileFiltersPruneFilesAtPlanning() throws IOException {
    Dataset<Row> byPath = read(dir).where(col("path").equalTo(uri(bframes))).select("frame_index");
    assertEquals(30, byPath.collectAsList().size());
    assertTrue(scanMetrics(byPath).get(VideoMetrics.BYTES_READ) <= Files.size(bframes), "only c.mp4 read");
    long biggest = Math.max(Files.size(mp4), Math.max(Files.size(mkv), Files.size(bframes)));
    Dataset<Row> bySize = read(dir).where(col("_metadata.file_size").geq(biggest)).select("path");
    assertEquals(1, bySize.distinct().count());
  }

  @Test
  void limitStopsDecodingEarly() {
    Dataset<Row> df = read(large).select(col("frame_index"), md5(col("data"))).limit(3);
    assertTrue(df.queryExecution().executedPlan().toString().contains("PushedLimit: 3"));
    assertEquals(3, df.collectAsList().size());
    assertTrue(scanMetrics(df).get(VideoMetrics.FRAMES_DECODED) <= 5, "decoded " + scanMetrics(df));
  }

  @Test
  void everyReaderIsClosedWhenItsTaskEnds() throws IOException {
    read(large).select(col("frame_index"), md5(col("data"))).limit(2).collectAsList();
    assertEquals(0, VideoFile.openCount(), "stopped mid-file by the limit");
    Path corrupt = Fixtures.scratch("spark-close");
    Files.copy(mp4, corrupt.resolve("good.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(corrupt.resolve("bad.mp4"), "not a video".repeat(100));
    assertThrows(Exception.class, () -> read(corrupt).select("data").collectAsList());
    // The job fails as soon as one task does; Spark then kills the other task, which closes its reader as it ends.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (VideoFile.openCount() > 0 && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    assertEquals(0, VideoFile.openCount(), "after a failed job");
  }

  @Test
  void cancelledJobsReleaseTheirReaders() throws InterruptedException {
    for (int cycle = 0; cycle < 4; cycle++) {
      cancelOnce();
    }
  }

  private void cancelOnce() throws InterruptedException {
    Thread job = new Thread(() -> {
      spark.sparkContext().setJobGroup("cancel-me", "a job to cancel", true);
      try {
        read(large, "threads", "1").select(md5(col("data"))).collectAsList();
      } catch (RuntimeException expected) {
        // Cancelled.
      }
    });
    job.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (VideoFile.openCount() == 0 && job.isAlive() && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    assertTrue(VideoFile.openCount() > 0, "the job is decoding");
    spark.sparkContext().cancelJobGroup("cancel-me");
    job.join(60_000);
    while (VideoFile.openCount() > 0 && System.nanoTime() < deadline) {
      sleepBriefly();
    }
    assertEquals(0, VideoFile.openCount(), "the cancelled task closed its reader");
  }

  @Test
  void frameOptions() throws IOException {
    Row png = read(mp4, "frameFormat", "png", "width", "80").where("frame_index = 2").select("data", "width",
        "height").first();
    var image = ImageIO.read(new ByteArrayInputStream((byte[]) png.get(0)));
    assertEquals(80, image.getWidth());
    assertEquals(60, image.getHeight());
    assertEquals(60, png.getInt(2));
    assertEquals(List.of(10L, 11L, 12L), indices(read(mp4, "startSeconds", "0.4", "endSeconds", "0.52")));
    assertEquals(List.of(0L, 7L, 14L, 21L, 28L), indices(read(mp4, "frameStep", "7")));
    assertEquals(core(mp4, FrameRequest.builder().keyframesOnly(true).build()).stream().map(FrameDigest::index)
        .toList(), indices(read(mp4, "keyframesOnly", "true")));
    assertEquals(9, read(dir, "maxFramesPerFile", "3").count());
    List<Row> threaded = read(mp4, "threads", "0").select("data").collectAsList();
    List<Row> single = read(mp4, "conversionThread", "false").select("data").collectAsList();
    List<Row> pipelined = read(mp4).select("data").collectAsList();
    assertEquals(single.size(), pipelined.size());
    for (int i = 0; i < single.size(); i++) {
      assertArrayEquals((byte[]) single.get(i).get(0), (byte[]) threaded.get(i).get(0));
      assertArrayEquals((byte[]) single.get(i).get(0), (byte[]) pipelined.get(i).get(0));
    }
    Dataset<Row> small = read(mp4, "ioBufferSize", "4096").select("frame_index");
    small.collectAsList();
    assertTrue(scanMetrics(small).get(VideoMetrics.READ_CALLS) >= Files.size(mp4) / 4096);
    Dataset<Row> whole = read(large).select(md5(col("data")));
    whole.collectAsList();
    assertTrue(scanMetrics(whole).get(VideoMetrics.READ_CALLS) <= Files.size(large) / (1 << 20) + 4,
        "a whole-file decode reads 1 MiB at a time: " + scanMetrics(whole));
    Dataset<Row> window = read(large).where("pts_seconds >= 5 and pts_seconds < 5.5").select(md5(col("data")));
    window.collectAsList();
    Map<String, Long> w = scanMetrics(window);
    // 64 KiB buffer refills, and each packet larger than that in one read of its size: never 1 MiB refills.
    assertTrue(w.get(VideoMetrics.BYTES_READ) <= w.get(VideoMetrics.READ_CALLS) * 65536 * 2,
        "a pushed range keeps 64 KiB reads: " + w);
    assertEquals(30, read(mkv, "streamIndex", "0", "seekMode", "exact").select("frame_index").count());
    Path rotated = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).rotation(-90));
    assertEquals(120, read(rotated).select("width").first().getInt(0));
    assertEquals(160, read(rotated, "autorotate", "false").select("width").first().getInt(0));
  }

  @Test
  void globsRecursionAndModificationTimes() throws IOException {
    Path tree = Fixtures.scratch("spark-tree");
    Path sub = Files.createDirectories(tree.resolve("sub"));
    Path old = Files.copy(mp4, tree.resolve("old.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path recent = Files.copy(mkv, tree.resolve("new.mkv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(bframes, sub.resolve("deep.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(
        java.time.Instant.parse("2020-01-01T00:00:00Z").toEpochMilli()));
    Files.setLastModifiedTime(recent, java.nio.file.attribute.FileTime.fromMillis(
        java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()));
    assertEquals(List.of("new.mkv", "old.mp4"), names(read(tree)));
    assertEquals(List.of("deep.mp4", "new.mkv", "old.mp4"), names(read(tree, "recursiveFileLookup", "true")));
    assertEquals(List.of("deep.mp4", "old.mp4"), names(read(tree, "recursiveFileLookup", "true",
        "pathGlobFilter", "*.mp4")));
    assertEquals(List.of("new.mkv"), names(spark.read().format("video").load(tree + "/*.mkv")));
    assertEquals(List.of("new.mkv", "old.mp4"), names(spark.read().format("video").load(uri(old), uri(recent))));
    assertEquals(List.of("old.mp4"), names(read(tree, "modifiedBefore", "2022-01-01T00:00:00", "timeZone", "UTC")));
    assertEquals(List.of("new.mkv"), names(read(tree, "modifiedAfter", "2022-01-01T00:00:00", "timeZone", "UTC")));
  }

  /** The rows of an executed (or executable) Dataset as sorted strings, comparing binary columns by content. */
  private static List<String> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().map(r -> {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        sb.append(v instanceof byte[] b ? FrameDigest.md5(b) : String.valueOf(v)).append('|');
      }
      return sb.toString();
    }).sorted().toList();
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> names(Dataset<Row> df) {
    return df.select("_metadata.file_name").distinct().collectAsList().stream().map(r -> r.getString(0)).sorted()
        .toList();
  }

  private static List<Long> indices(Dataset<Row> df) {
    return df.select("frame_index").collectAsList().stream().map(r -> r.getLong(0)).sorted().toList();
  }

  /** [from, to) as a list. */
  private static final class LongRange {
    static List<Long> of(long from, long to) {
      return IntStream.range((int) from, (int) to).mapToObj(i -> (long) i).collect(Collectors.toList());
    }
  }
}
