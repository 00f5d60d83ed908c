package dev.sparkvideo.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.md5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.SparkTestBase;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code frame_index IN (...)}, how training sets sample frames: pushed into the scan, which seeks to each group of
 * nearby indices instead of decoding the file, and returns exactly the rows Spark's own filter would.
 */
class FrameSamplingTest extends SparkTestBase {
  private static Path large;
  private static Path bframes;
  private static Path mkv;
  private static Path longMkv;

  @BeforeAll
  static void files() {
    // 300 frames at 25 fps, a keyframe every 50.
    large = Fixtures.video(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).size(1280, 720).frames(300).gop(50)
        .bitRate(4_000_000).noise());
    bframes = Fixtures.video(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).bFrames(2));
    mkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).withAudio());
    longMkv = Fixtures.video(VideoSpec.of(Codec.H264, Container.MKV).frames(300).gop(50));
  }

  private static List<String> rows(Dataset<Row> df) {
    return df.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Dataset<Row> frames(Path file, String condition) {
    return read(file).where(condition).select(col("frame_index"), col("pts"), col("is_key_frame"),
        md5(col("data")));
  }

  @Test
  void sampledIndicesAreSeekedToAndMatchSparksOwnFilter() {
    String wanted = "frame_index IN (299, 5, 7, 120, 250, 7)";
    Dataset<Row> pushed = frames(large, wanted);
    List<String> rows = rows(pushed);
    // The same filter as Spark evaluates it after a full decode: Spark simplifies "frame_index + 0" away, but keeps
    // "frame_index * 2", which cannot be pushed.
    Dataset<Row> unpushed = frames(large, "frame_index * 2 IN (598, 10, 14, 240, 500)");
    assertEquals(rows(unpushed), rows);
    assertEquals(List.of(5L, 7L, 120L, 250L, 299L), pushed.collectAsList().stream().map(r -> r.getLong(0)).sorted()
        .toList());
    // Groups {5, 7}, {120}, {250 .. 299}: each decoded from the keyframe before an estimate 1 s ahead of it.
    long decoded = scanMetrics(pushed).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded <= 200, "decoded " + decoded + " frames for 5 of 300");
    assertEquals(300L, scanMetrics(unpushed).get(VideoMetrics.FRAMES_DECODED));
    assertTrue(pushed.queryExecution().executedPlan().toString().contains("frame_index IN"),
        pushed.queryExecution().executedPlan().toString());

    Dataset<Row> withoutData = read(large).where(wanted).select("frame_index", "pts", "is_key_frame");
    assertEquals(rows(read(large).where("frame_index * 2 IN (598, 10, 14, 240, 500)")
        .select("frame_index", "pts", "is_key_frame")), rows(withoutData));
  }

  @Test
  void aWantedKeyframeIsDecodedAlone() {
    // Keyframes more than the seek gap (2 s) apart: each read seeks to the frame's own time and decodes it alone.
    List<Long> keyframes = read(large).where("is_key_frame").select("frame_index").collectAsList().stream()
        .map(r -> r.getLong(0)).filter(i -> i > 0).sorted().toList();
    List<Long> wanted = new ArrayList<>();
    for (long k : keyframes) {
      if (wanted.isEmpty() || k - wanted.get(wanted.size() - 1) > 70) {
        wanted.add(k);
      }
    }
    assertTrue(wanted.size() >= 2, "keyframes " + keyframes);
    String set = wanted.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String doubled = wanted.stream().map(i -> String.valueOf(2 * i)).collect(Collectors.joining(", "));
    Dataset<Row> pushed = frames(large, "frame_index IN (" + set + ")");
    assertEquals(rows(frames(large, "frame_index * 2 IN (" + doubled + ")")), rows(pushed));
    assertTrue(pushed.collectAsList().stream().allMatch(r -> r.getBoolean(2)), "each is a keyframe: " + set);
    long decoded = scanMetrics(pushed).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded <= 2L * wanted.size(), "decoded " + decoded + " frames for keyframes " + set
        + " (a group of pictures each when reached from the keyframe before)");
  }

  @Test
  void framesLateInTheirGroupAreReachedWithoutTheBFramesBeforeThem() {
    // MPEG-4 Part 2 with two B-frames at 25 fps: frames more than 2 s apart, each reached by a seek to the keyframe
    // before it; the B-frames shown before it (nothing references them) are skipped, not decoded.
    Path file = Fixtures.video(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).frames(300).gop(50).bFrames(2));
    List<Long> keyframes = read(file).where("is_key_frame").select("frame_index").collectAsList().stream()
        .map(r -> r.getLong(0)).sorted().toList();
    List<Long> wanted = new ArrayList<>();
    long fromKeyframes = 0;
    for (int i = 1; i < keyframes.size(); i++) {
      long last = keyframes.get(i) - 1;
      if (wanted.isEmpty() || last - wanted.get(wanted.size() - 1) > 60) {
        wanted.add(last);
        fromKeyframes += last - keyframes.get(i - 1) + 1;
      }
    }
    assertTrue(wanted.size() >= 2, "keyframes " + keyframes);
    String set = wanted.stream().map(String::valueOf).collect(Collectors.joining(", "));
    String doubled = wanted.stream().map(i -> String.valueOf(2 * i)).collect(Collectors.joining(", "));
    Dataset<Row> pushed = frames(file, "frame_index IN (" + set + ")");
    assertEquals(rows(frames(file, "frame_index * 2 IN (" + doubled + ")")), rows(pushed));
    assertEquals(wanted, pushed.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList());
    long decoded = scanMetrics(pushed).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded < fromKeyframes, "decoded " + decoded + " pictures for the frames " + set + ", the last of"
        + " their groups: " + fromKeyframes + " frames are shown from their keyframes (keyframes " + keyframes + ")");
  }

  @Test
  void setsCombineWithRangesAndEachOther() {
    assertEquals(rows(frames(large, "frame_index * 2 IN (240, 500)")),
        rows(frames(large, "frame_index IN (5, 120, 250) AND frame_index > 100")));
    assertEquals(rows(frames(large, "frame_index * 2 = 240")),
        rows(frames(large, "frame_index IN (5, 120, 250) AND frame_index IN (120, 7)")));
    assertEquals(0, frames(large, "frame_index IN (5, 7) AND frame_index >= 10").count());
    assertEquals(rows(frames(large, "frame_index * 2 = 6")), rows(frames(large, "frame_index IN (3, 100000)")));
  }

  @Test
  void everyContainerGivesTheRowsOfItsFullDecode() {
    for (Path file : List.of(bframes, mkv)) {
      assertEquals(rows(frames(file, "frame_index * 2 IN (0, 4, 18, 42, 58)")),
          rows(frames(file, "frame_index IN (0, 2, 9, 21, 29)")), file.toString());
    }
    // An index range that starts between two frames frameStep lets through still seeks.
    Dataset<Row> stepped = read(large, "frameStep", "10").where("frame_index between 205 and 299")
        .select(col("frame_index"), md5(col("data")));
    assertEquals(rows(read(large, "frameStep", "10").where("frame_index * 2 between 410 and 598")
        .select(col("frame_index"), md5(col("data")))), rows(stepped));
    long decoded = scanMetrics(stepped).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded <= 150, "decoded " + decoded + " frames for 210 .. 290");
    assertEquals(rows(read(large, "frameStep", "10").where("frame_index * 2 IN (40, 50, 260)")
        .select("frame_index", "pts")), rows(read(large, "frameStep", "10").where("frame_index IN (20, 25, 130)")
        .select("frame_index", "pts")));
  }

  private static Dataset<Row> stepped(Dataset<Row> df) {
    return df.select(col("frame_index"), col("pts"), col("is_key_frame"), md5(col("data")));
  }

  /** What a step gives when every frame is decoded: Spark's own filter on a full read, which is not pushed. */
  private static List<String> everyNth(Path file, long step, String... options) {
    return rows(stepped(read(file, options).where("frame_index % " + step + " = 0")));
  }

  @Test
  void aStepLongerThanTheSeekGapSeeksToEachMultiple() {
    // 25 fps: a step of 100 frames spans 4 s, more than the 2 s seek gap.
    Dataset<Row> df = stepped(read(large, "frameStep", "100"));
    assertEquals(everyNth(large, 100), rows(df));
    assertEquals(List.of(0L, 100L, 200L), df.collectAsList().stream().map(r -> r.getLong(0)).sorted().toList());
    long decoded = scanMetrics(df).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded < 100, "decoded " + decoded + " of 300 frames for 3");
    // A read that starts at a time finds its first frame there, then seeks to the multiples after it: frames 100 ..
    // 125 to reach 5 s, then 200 alone (not 125 .. 200 decoded on).
    Dataset<Row> fromTime = stepped(read(large, "frameStep", "100").where("pts_seconds >= 5"));
    assertEquals(rows(stepped(read(large).where("frame_index % 100 = 0 AND pts_seconds >= 5"))), rows(fromTime));
    long decodedFromTime = scanMetrics(fromTime).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decodedFromTime < 60, "decoded " + decodedFromTime + " frames for frame 200");
    Dataset<Row> sliced = stepped(read(large, "frameStep", "100", "maxPartitionBytes",
        String.valueOf(sizeOf(large) / 4)));
    assertEquals(rows(df), rows(sliced));
    // Each slice finds its first frame and, past its last multiple, that it holds no more from the packets alone,
    // decoding nothing on the way (227 frames decoded when both were found by decoding on).
    long decodedInSlices = scanMetrics(sliced).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(sliced.rdd().getNumPartitions() > 2 && decodedInSlices < 100,
        "decoded " + decodedInSlices + " frames in " + sliced.rdd().getNumPartitions() + " slices");
    // The largest step there is: frame 0 alone, and nothing from frame 5 on.
    assertEquals(List.of(0L), read(large, "frameStep", String.valueOf(Long.MAX_VALUE)).select("frame_index")
        .collectAsList().stream().map(r -> r.getLong(0)).toList());
    assertEquals(0, read(large, "frameStep", String.valueOf(Long.MAX_VALUE)).where("frame_index >= 5").count());
    assertEquals(List.of(0L), read(large, "frameStep", String.valueOf(Long.MAX_VALUE - 1)).select("frame_index")
        .collectAsList().stream().map(r -> r.getLong(0)).toList());
    // A short step reads on: every frame is decoded once.
    Dataset<Row> shortStep = stepped(read(large, "frameStep", "30"));
    assertEquals(everyNth(large, 30), rows(shortStep));
    assertEquals(300L, scanMetrics(shortStep).get(VideoMetrics.FRAMES_DECODED));
  }

  @Test
  void aLongStepReadsAFileWithoutAFrameIndexAboutOnce() {
    // Matroska and MPEG-TS list no index of every frame: indices come from counting packets, which each seek used to
    // do from the file's start (72 MB and 336 MB read of these 18 MB files); now each count goes on from the last.
    for (Container container : List.of(Container.MKV, Container.MPEG_TS)) {
      Path file = Fixtures.video(VideoSpec.of(Codec.H264, container).size(1280, 720).frames(300).gop(50)
          .bitRate(4_000_000).noise());
      Dataset<Row> df = stepped(read(file, "frameStep", "55"));
      assertEquals(everyNth(file, 55), rows(df), container.toString());
      long bytes = scanMetrics(df).get(VideoMetrics.BYTES_READ);
      assertTrue(bytes < 2 * sizeOf(file), container + ": " + bytes + " bytes read of a file of " + sizeOf(file));
    }
  }

  @Test
  void aLongStepGivesTheRowsOfAFullDecodeWhateverTheFile() {
    // Frames at 30 and 15 fps and a half-second gap: estimated at the 20 fps average, not at the header's 30 fps.
    Path variable = Fixtures.requireConformance("a variable frame rate").resolve("torchcodec")
        .resolve("var_fps_video.mp4");
    for (Path file : List.of(variable, longMkv, bframes)) {
      long step = file.equals(bframes) ? 3 : 50;
      assertEquals(everyNth(file, step), rows(stepped(read(file, "frameStep", String.valueOf(step)))),
          file.toString());
    }
    // Matroska lists no frame count: past the last multiple, one read on from it to the end finds no more.
    Dataset<Row> mkvSteps = stepped(read(longMkv, "frameStep", "70"));
    assertEquals(everyNth(longMkv, 70), rows(mkvSteps));
    long decoded = scanMetrics(mkvSteps).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded < 250, "decoded " + decoded + " of 300 frames for 5");
    // With pushed ranges, and in time slices of the file.
    assertEquals(rows(stepped(read(large).where("frame_index % 100 = 0 AND frame_index >= 50"))),
        rows(stepped(read(large, "frameStep", "100").where("frame_index >= 50"))));
    assertEquals(rows(stepped(read(large).where("frame_index % 70 = 0 AND pts_seconds >= 4.2"))),
        rows(stepped(read(large, "frameStep", "70").where("pts_seconds >= 4.2"))));
    assertEquals(everyNth(large, 70), rows(stepped(read(large, "frameStep", "70", "maxPartitionBytes",
        String.valueOf(sizeOf(large) / 4)))));
    Dataset<Row> sliced = read(variable, "frameStep", "50", "maxPartitionBytes", String.valueOf(sizeOf(variable) / 3));
    assertTrue(sliced.rdd().getNumPartitions() > 1, "slices");
    assertEquals(everyNth(variable, 50), rows(stepped(sliced)));
  }

  @Test
  void aLongDeinterlacedStepGivesTheFramesOfTheWholeRead() {
    // Interlaced MPEG-2, a keyframe every 12 frames: frames 60 and 120 are keyframes, which bwdif deinterlaces with
    // the frame before them, so each seek decodes from the keyframe before that frame.
    VideoSpec spec = VideoSpec.of(Codec.MPEG2, Container.MOV).size(320, 240).frames(150).gop(12).bitRate(2_000_000)
        .scan(VideoSpec.Scan.TOP_FIELD_FIRST);
    Path mov = Fixtures.video(spec);
    Dataset<Row> sought = stepped(read(mov, "deinterlace", "true", "frameStep", "60"));
    assertEquals(everyNth(mov, 60, "deinterlace", "true"), rows(sought));
    assertEquals(3, sought.count());
    long decoded = scanMetrics(sought).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decoded < 60, "decoded " + decoded + " of 150 frames");
    // MPEG-TS with B-frames, whose seeks land between keyframes: the same frames.
    Path ts = Fixtures.video(VideoSpec.of(Codec.MPEG2, Container.MPEG_TS).size(320, 240).frames(150).gop(12)
        .bFrames(2).bitRate(2_000_000).scan(VideoSpec.Scan.TOP_FIELD_FIRST));
    assertEquals(everyNth(ts, 60, "deinterlace", "true"),
        rows(stepped(read(ts, "deinterlace", "true", "frameStep", "60"))));
    Dataset<Row> tsSteps = stepped(read(ts, "deinterlace", "true", "frameStep", "60"));
    tsSteps.collectAsList();
    long decodedInTs = scanMetrics(tsSteps).get(VideoMetrics.FRAMES_DECODED);
    assertTrue(decodedInTs < 100, "decoded " + decodedInTs + " frames (190 when the seeks fell back to the start)");
    // Its seeks land between keyframes: each starts at the next keyframe from there or a span earlier, not at the
    // start of the file (66, 132 and 145 frames decoded when they stepped back a packet per seek).
    for (long wanted : new long[] {65, 130, 143}) {
      Dataset<Row> one = stepped(read(ts).where("frame_index = " + wanted));
      assertEquals(rows(stepped(read(ts).where("frame_index * 2 = " + 2 * wanted))), rows(one));
      long decodedForOne = scanMetrics(one).get(VideoMetrics.FRAMES_DECODED);
      assertTrue(decodedForOne < 40, "decoded " + decodedForOne + " frames for frame " + wanted);
    }
  }

  @Test
  void aLongStepGivesTheRowsOfAFullDecodeOnEveryClassOfVideo() {
    List<UserVideos.Video> videos = new ArrayList<>(UserVideos.generated());
    videos.addAll(UserVideos.metadataClasses());
    videos.addAll(UserVideos.cutMidGop());
    videos.addAll(UserVideos.conformance());
    videos.addAll(UserVideos.h264WithoutContainerReorderDepth());
    if (Fixtures.conformance() != null) {
      for (String name : List.of("nasa_13013.mp4", "testsrc2.mp4")) {
        videos.add(new UserVideos.Video(name, Fixtures.conformance().resolve("torchcodec").resolve(name), 0));
      }
    }
    for (UserVideos.Video v : videos) {
      Row fps = read(v.file()).select("metadata.average_fps").first();
      // Just over the 2 s a read goes on decoding: each multiple is sought, the last ones past the end.
      long step = fps.isNullAt(0) ? 7 : Math.round(2 * fps.getDouble(0)) + 1;
      assertEquals(everyNth(v.file(), step), rows(stepped(read(v.file(), "frameStep", String.valueOf(step)))),
          v + ", frameStep=" + step);
    }
  }
}
