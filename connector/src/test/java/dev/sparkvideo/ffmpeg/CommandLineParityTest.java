package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sparkvideo.io.SeekableInput;
import dev.sparkvideo.testing.FfmpegCommandLine;
import dev.sparkvideo.testing.FrameDigest;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.UserVideos;
import dev.sparkvideo.testing.UserVideos.Video;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pixels against the independent reference, the {@code ffmpeg} command line of the same build: every raw
 * {@code frameFormat} of every class of video users have must be byte-identical, frame for frame, to
 * {@code ffmpeg -i FILE -pix_fmt FMT -f framemd5} (its auto-inserted conversion), and resized output to
 * {@code -vf scale=W:H}; rotated videos are turned upright as the command line's autorotate does, or left as coded.
 */
class CommandLineParityTest {
  private static final List<FrameFormat> RAW = List.of(FrameFormat.RGB24, FrameFormat.BGR24, FrameFormat.GRAY,
      FrameFormat.YUV420P);

  static Stream<Video> videos() {
    List<Video> all = new ArrayList<>(UserVideos.generated());
    all.addAll(UserVideos.conformance());
    all.addAll(UserVideos.h264WithoutContainerReorderDepth());
    return all.stream();
  }

  static Stream<Arguments> resized() {
    return videos().flatMap(v -> Stream.of(Arguments.of(v, 96, null), Arguments.of(v, 64, 64)));
  }

  private static List<String> ours(Video video, FrameRequest.Builder request) {
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in);
        FrameReader frames = file.frames(request.streamIndex(video.stream()).build())) {
      return FrameDigest.all(frames).stream().map(FrameDigest::md5).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pixelFormat(FrameFormat format) {
    return format == FrameFormat.GRAY ? "gray" : format.optionName();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void everyRawFormatIsTheCommandLinesConversion(Video video) {
    FfmpegCommandLine cli = FfmpegCommandLine.get();
    for (FrameFormat format : RAW) {
      List<String> expected = cli.frameMd5(video.file(), video.stream(), video.referenceOptions(), null,
          pixelFormat(format), true);
      List<String> actual = ours(video, FrameRequest.builder().format(format));
      assertFalse(expected.isEmpty(), video + ": the command line decodes frames");
      assertEquals(expected.size(), actual.size(), video + " " + format + ": frame count");
      assertEquals(expected, actual, video + " " + format + ": every frame's pixels");
    }
  }

  @ParameterizedTest(name = "{0} to {1}x{2}")
  @MethodSource("resized")
  void resizedFramesAreTheCommandLinesScaleFilter(Video video, int width, Integer height) {
    FfmpegCommandLine cli = FfmpegCommandLine.get();
    int outHeight;
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in)) {
      StreamMetadata s = file.metadata().stream(video.stream());
      outHeight = FrameConverter.outputSize(s.width(), s.height(), width, height)[1];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (FrameFormat format : List.of(FrameFormat.RGB24, FrameFormat.YUV420P)) {
      List<String> expected = cli.frameMd5(video.file(), video.stream(), video.referenceOptions(),
          "scale=" + width + ":" + outHeight, pixelFormat(format), true);
      List<String> actual = ours(video, FrameRequest.builder().format(format).width(width).height(height));
      assertEquals(expected, actual, video + " " + format + " at " + width + "x" + outHeight);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void withoutAutorotateFramesKeepTheirCodedOrientation(Video video) {
    FfmpegCommandLine cli = FfmpegCommandLine.get();
    assertEquals(cli.frameMd5(video.file(), video.stream(), video.referenceOptions(), null, "rgb24", false),
        ours(video, FrameRequest.builder().autorotate(false)), video + ": coded orientation");
  }

  static Stream<Video> interlaced() {
    return UserVideos.generated().stream().filter(v -> v.name().contains("interlaced") || v.name().startsWith("dv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("interlaced")
  void deinterlacedFramesAreBwdifsOneFramePerFrame(Video video) {
    FfmpegCommandLine cli = FfmpegCommandLine.get();
    List<String> expected = cli.frameMd5(video.file(), video.stream(), video.referenceOptions(),
        DeinterlacedFrames.FILTER, "rgb24", true);
    List<String> actual = ours(video, FrameRequest.builder().deinterlace(true));
    assertEquals(expected, actual, video + ": bwdif, then the conversion");
    assertNotEquals(cli.frameMd5(video.file(), video.stream(), video.referenceOptions(), null, "rgb24", true), actual,
        video + ": deinterlacing changes the pictures");
    List<String> everyOther = new ArrayList<>();
    for (int i = 0; i < actual.size(); i += 2) {
      everyOther.add(actual.get(i));
    }
    assertEquals(everyOther, ours(video, FrameRequest.builder().deinterlace(true).frameStep(2)),
        video + ": frames left out still feed the filter");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("interlaced")
  void aDeinterlacedReadFromAKeyframeGivesTheFramesOfTheWholeRead(Video video) throws IOException {
    List<FrameDigest> whole;
    try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in);
        FrameReader frames = file.frames(FrameRequest.builder().streamIndex(video.stream()).deinterlace(true)
            .build())) {
      whole = FrameDigest.all(frames);
    }
    List<FrameDigest> keyframes = whole.stream().filter(f -> f.key() && f.index() > 0).toList();
    for (FrameDigest key : keyframes) {
      List<FrameDigest> fromKey;
      try (SeekableInput in = Fixtures.open(video.file()); VideoFile file = VideoFile.open(in);
          FrameReader frames = file.frames(FrameRequest.builder().streamIndex(video.stream()).deinterlace(true)
              .startSeconds(key.ptsSeconds()).build())) {
        fromKey = FrameDigest.all(frames);
      }
      // bwdif takes the frame before too: the read decodes it, so the keyframe is deinterlaced as in the whole read.
      assertEquals(whole.subList((int) key.index(), whole.size()), fromKey, video + " from keyframe " + key.index());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("videos")
  void deinterlacingLeavesProgressiveFramesAsTheyAre(Video video) {
    if (video.name().contains("interlaced") || video.name().startsWith("dv")) {
      return;
    }
    assertEquals(ours(video, FrameRequest.builder()), ours(video, FrameRequest.builder().deinterlace(true)),
        video + ": frames not marked interlaced pass through");
  }
}
