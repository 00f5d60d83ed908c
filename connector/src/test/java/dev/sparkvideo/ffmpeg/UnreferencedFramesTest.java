package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FfmpegCommandLine;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A read that starts after a keyframe leaves out the pictures before its first frame that no other picture
 * references (B-frames, where the decoder knows its reorder depth when opened), and returns exactly the frames of the
 * full decode; where the stream does not reorder, every frame from the keyframe is decoded as before.
 */
class UnreferencedFramesTest {
  static Stream<Video> reordering() {
    List<Video> out = new ArrayList<>();
    for (VideoSpec spec : List.of(VideoSpec.of(Codec.MPEG4, Container.MP4_MOOV_AT_END).frames(60).bFrames(2),
        VideoSpec.of(Codec.MPEG4, Container.MKV).frames(60).bFrames(2),
        VideoSpec.of(Codec.MPEG4, Container.MPEG_TS).frames(60).bFrames(2))) {
      out.add(new Video(spec.fileName(), Fixtures.video(spec), 0));
    }
    // x264's H.264 and x265's HEVC with B-frames, from torchcodec's test set; x264's also in Matroska and MPEG-TS,
    // whose demuxers give no reorder depth, with and without a parameter set that declares one.
    UserVideos.conformance().stream()
        .filter(v -> v.name().equals("h264_10bits.mp4") || v.name().equals("h265_10bits.mp4"))
        .forEach(out::add);
    out.addAll(UserVideos.h264WithoutContainerReorderDepth());
    return out.stream();
  }

  /** H.264 with B-frames in Matroska and MPEG-TS whose parameter set declares no reorder depth. */
  static Stream<Video> undeclaredDepth() {
    return UserVideos.h264WithoutContainerReorderDepth().stream().filter(v -> v.name().contains("undeclared"));
  }

  private static List<FrameDigest> all(Path file) {
    return read(file, FrameRequest.builder(), null);
  }

  /** The frames of {@code request}; with {@code decoded} non-null, adds the pictures the decoder produced to it. */
  private static List<FrameDigest> read(Path file, FrameRequest.Builder request, long[] decoded) {
    try (SeekableInput in = Fixtures.open(file); VideoFile video = VideoFile.open(in);
        FrameReader frames = video.frames(request.build())) {
      List<FrameDigest> out = FrameDigest.all(frames);
      if (decoded != null) {
        decoded[0] += frames.framesDecoded();
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last frame before each keyframe after the first, and the last frame: each the farthest from its keyframe. */
  private static List<Integer> lastOfEachGroup(List<FrameDigest> all) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i).key()) {
        out.add(i - 1);
      }
    }
    out.add(all.size() - 1);
    return out;
  }

  private static int keyframeBefore(List<FrameDigest> all, int k) {
    int key = k;
    while (!all.get(key).key()) {
      key--;
    }
    return key;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reordering")
  void aFrameLateInItsGroupIsDecodedWithoutTheUnreferencedFramesBeforeIt(Video video) {
    List<FrameDigest> all = all(video.file());
    long decoded = 0;
    long fromKeyframes = 0;
    for (int k : lastOfEachGroup(all)) {
      long[] count = new long[1];
      List<FrameDigest> one = read(video.file(), FrameRequest.builder().startSeconds(all.get(k).ptsSeconds())
          .frameIndexRange(k, k + 1), count);
      assertEquals(List.of(all.get(k)), one, video + ": frame " + k + " alone, as the full decode returns it");
      decoded += count[0];
      fromKeyframes += k - keyframeBefore(all, k) + 1;
      int from = Math.max(1, k - 3);
      assertEquals(all.subList(from, all.size()), read(video.file(), FrameRequest.builder()
          .startSeconds(all.get(from).ptsSeconds()), null), video + ": every frame from " + from);
    }
    assertTrue(decoded < fromKeyframes, video + ": " + decoded + " pictures decoded for the last frame of each"
        + " group, fewer than the " + fromKeyframes + " shown from their keyframes");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reordering")
  void everyStepAndRangeReturnsTheFramesOfTheFullDecode(Video video) {
    List<FrameDigest> all = all(video.file());
    int n = all.size();
    assertEquals(all.stream().filter(f -> f.index() >= 3 && f.index() % 7 == 0).toList(),
        read(video.file(), FrameRequest.builder().frameIndexRange(3, n).frameStep(7), null),
        video + ": every 7th frame from frame 3 on");
    assertEquals(all.subList(n / 2, n / 2 + 2), read(video.file(), FrameRequest.builder()
        .startSeconds(all.get(n / 2).ptsSeconds()).endSeconds(all.get(n / 2 + 2).ptsSeconds()), null),
        video + ": two frames in the middle");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sparkvideo.ffmpeg.UnreferencedFramesTest#notReordering")
  void aStreamThatDoesNotReorderDecodesEveryFrameFromTheKeyframe(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> all = all(file);
    for (int k : lastOfEachGroup(all)) {
      long[] count = new long[1];
      assertEquals(List.of(all.get(k)), read(file, FrameRequest.builder().startSeconds(all.get(k).ptsSeconds())
          .frameIndexRange(k, k + 1), count), spec + ": frame " + k);
      assertEquals(k - keyframeBefore(all, k) + 1, count[0], spec + ": every frame from the keyframe to " + k);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undeclaredDepth")
  void aStreamThatDeclaresNoReorderDepthLosesNoFrame(Video video) {
    assertTrue(FfmpegCommandLine.get().sequenceParameterSet(video.file(), video.stream()).stream()
        .noneMatch(e -> e.name().equals("bitstream_restriction_flag") && e.value() == 1),
        video + ": FFmpeg's parser finds no bitstream restriction");
    try (SeekableInput in = Fixtures.open(video.file()); Demuxer demuxer = Demuxer.open(in, 1 << 16)) {
      assertTrue(demuxer.context().streams(video.stream()).codecpar().video_delay() > 0,
          video + ": FFmpeg's probe saw the B-frames reordered");
      assertFalse(demuxer.reorderDepthDeclared(video.stream()), video + ": the depth is not declared");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // FFmpeg's default decoder guesses a depth from the probe's first frames and, when a later picture needs more,
    // drops it; the command line's default output has one frame fewer than the file holds.
    List<FrameDigest> ours = all(video.file());
    assertEquals(ours.size() - 1, FfmpegCommandLine.get().frames(video.file(), video.stream(), List.of()).size(),
        video + ": the command line's default decoder drops a frame");
    Video declared = UserVideos.h264WithoutContainerReorderDepth().stream()
        .filter(v -> v.name().equals(video.name().replace("undeclared-depth-", ""))).findFirst().orElseThrow();
    assertEquals(all(declared.file()).stream().map(FrameDigest::md5).toList(),
        ours.stream().map(FrameDigest::md5).toList(),
        video + ": every picture of the same stream with its depth declared");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reordering")
  void theReorderDepthIsDeclaredUnlessTheParameterSetLeftItOut(Video video) {
    try (SeekableInput in = Fixtures.open(video.file()); Demuxer demuxer = Demuxer.open(in, 1 << 16)) {
      assertEquals(!video.name().contains("undeclared"), demuxer.reorderDepthDeclared(video.stream()),
          video.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sparkvideo.ffmpeg.UnreferencedFramesTest#interlaced")
  void aDeinterlacedFrameKeepsTheFrameBeforeItThatBwdifTakes(VideoSpec spec) {
    Path file = Fixtures.video(spec);
    List<FrameDigest> all = read(file, FrameRequest.builder().deinterlace(true), null);
    for (int k : lastOfEachGroup(all)) {
      assertEquals(List.of(all.get(k)), read(file, FrameRequest.builder().deinterlace(true)
          .startSeconds(all.get(k).ptsSeconds()).frameIndexRange(k, k + 1), null), spec + ": frame " + k);
    }
  }

  static Stream<VideoSpec> interlaced() {
    return Stream.of(UserVideos.MPEG2_TFF_TS.frames(36), UserVideos.MPEG2_BFF_PS.frames(36));
  }

  static Stream<VideoSpec> notReordering() {
    return Stream.of(VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).frames(60),
        VideoSpec.of(Codec.VP9, Container.WEBM).frames(60));
  }
}
