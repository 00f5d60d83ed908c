package dev.sparkvideo.ffmpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkvideo.io.HadoopSeekableInput;
import dev.sparkvideo.testing.Fixtures;
import dev.sparkvideo.testing.VideoSpec;
import dev.sparkvideo.testing.VideoSpec.Codec;
import dev.sparkvideo.testing.VideoSpec.Container;
import dev.sparkvideo.testing.VideoSpec.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file opened without decoding ({@link VideoFile#open}, through {@link ConfigurationProbe}) has exactly the
 * metadata, frame counts and frames of one opened through FFmpeg's own probe, which decodes the first frames as
 * ffprobe does: over H.264 MP4s with every colour signalling and size the encoder can make, torchcodec's videos (8
 * and 10 bit, full range, 4:4:4, B-frames, several streams) and files the shortcut does not apply to.
 */
class ConfigurationProbeTest {
  private static final Signal BT709_FULL = new Signal(2, 1, 1, 1, 0, 1);
  private static final Signal BT709_LIMITED_ANAMORPHIC = new Signal(1, 1, 1, 1, 4, 3);
  private static final Signal BT601_SQUARE = new Signal(1, 6, 6, 6, 1, 1);
  private static final Signal BT2020_PQ_FULL_SAR = new Signal(2, 9, 16, 9, 64, 45);
  private static final Signal RANGE_ONLY = new Signal(2, 2, 2, 2, 0, 1);

  static Stream<Arguments> files() throws IOException {
    List<Arguments> out = new ArrayList<>();
    VideoSpec h264 = VideoSpec.of(Codec.H264, Container.MP4_MOOV_AT_END).frames(12).gop(6);
    for (Signal signal : List.of(Signal.NONE, BT709_FULL, BT709_LIMITED_ANAMORPHIC, BT601_SQUARE,
        BT2020_PQ_FULL_SAR, RANGE_ONLY)) {
      out.add(generated(h264.signal(signal), true));
    }
    out.add(generated(h264.size(100, 58), true)); // cropped on the right and at the bottom
    out.add(generated(h264.size(1280, 720).signal(BT709_LIMITED_ANAMORPHIC), true));
    out.add(generated(h264.withAudio(), true));
    out.add(generated(h264.rotation(90), true));
    out.add(generated(VideoSpec.of(Codec.H264, Container.MP4_FASTSTART).frames(12), true));
    out.add(generated(VideoSpec.of(Codec.H264, Container.MP4_FRAGMENTED).frames(12).gop(6), true));
    out.add(generated(VideoSpec.of(Codec.H264, Container.MKV).frames(12).withAudio(), false));
    out.add(generated(VideoSpec.of(Codec.VP9, Container.MP4_MOOV_AT_END).frames(6), false));
    out.add(generated(VideoSpec.of(Codec.MPEG4, Container.AVI).frames(6), false));
    Path conformance = Fixtures.conformance();
    if (conformance != null) {
      try (Stream<Path> videos = Files.list(conformance.resolve("torchcodec"))) {
        videos.filter(p -> p.toString().endsWith(".mp4") || p.toString().endsWith(".mkv")).sorted()
            .forEach(p -> out.add(Arguments.of(p.getFileName().toString(), p, null)));
      }
    }
    return out.stream();
  }

  private static Arguments generated(VideoSpec spec, boolean withoutDecoding) {
    return Arguments.of(spec.fileName(), Fixtures.video(spec), withoutDecoding);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void metadataIsTheSameWithoutDecoding(String name, Path file, Boolean withoutDecoding) throws IOException {
    for (SeekMode mode : SeekMode.values()) {
      try (HadoopSeekableInput decodedInput = Fixtures.open(file);
           VideoFile decoded = VideoFile.open(decodedInput, mode, VideoFile.DEFAULT_IO_BUFFER_SIZE, true);
           HadoopSeekableInput headerInput = Fixtures.open(file);
           VideoFile header = VideoFile.open(headerInput, mode, VideoFile.DEFAULT_IO_BUFFER_SIZE)) {
        assertEquals(decoded.metadata(), header.metadata(), name + " in " + mode + " mode");
        for (StreamMetadata stream : decoded.metadata().streams()) {
          assertEquals(decoded.indexedFrameCount(stream.streamIndex()),
              header.indexedFrameCount(stream.streamIndex()), name + " stream " + stream.streamIndex());
        }
      }
    }
    if (withoutDecoding != null) {
      try (HadoopSeekableInput input = Fixtures.open(file);
           Demuxer demuxer = Demuxer.open(input, VideoFile.DEFAULT_IO_BUFFER_SIZE)) {
        assertEquals(withoutDecoding, ConfigurationProbe.appliesTo(demuxer.context()), name);
      }
    }
  }

  @Test
  void torchcodecsH264VideosAreReadWithoutDecoding() throws IOException {
    Path conformance = Fixtures.requireConformance("torchcodec's H.264 MP4s are read without decoding");
    for (String name : List.of("nasa_13013.mp4", "bt709_full_range.mp4", "h264_10bits.mp4", "testsrc2.mp4")) {
      try (HadoopSeekableInput input = Fixtures.open(conformance.resolve("torchcodec").resolve(name));
           Demuxer demuxer = Demuxer.open(input, VideoFile.DEFAULT_IO_BUFFER_SIZE)) {
        assertTrue(ConfigurationProbe.appliesTo(demuxer.context()), name);
      }
    }
  }

  /**
   * The decoder is opened from the codec parameters the probe leaves: without the probe's decoding (or, where it
   * must decode, without its loop filter) the decoder must still know the reorder depth (from the MP4's composition
   * offsets or the parameter set) and return the same frames, read from the start and after a seek, with as many
   * pictures decoded.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void framesAreTheSameWithoutDecodingAtOpen(String name, Path file, Boolean withoutDecoding) throws IOException {
    assertEquals(frames(file, true, null), frames(file, false, null), name + " from the start");
    double seek;
    try (HadoopSeekableInput input = Fixtures.open(file); VideoFile video = VideoFile.open(input)) {
      StreamMetadata stream = video.metadata().stream(video.metadata().container().bestVideoStreamIndex());
      seek = stream.beginStreamSeconds() + stream.durationSeconds() * 2 / 3;
    }
    assertEquals(frames(file, true, seek), frames(file, false, seek), name + " from " + seek + " s");
  }

  /** Index, timestamp, key flag and pixel checksum of each frame read from {@code start}, then the pictures decoded. */
  private static List<String> frames(Path file, boolean referenceProbe, Double start) throws IOException {
    List<String> out = new ArrayList<>();
    try (HadoopSeekableInput input = Fixtures.open(file);
         VideoFile video = VideoFile.open(input, SeekMode.APPROXIMATE, VideoFile.DEFAULT_IO_BUFFER_SIZE,
             referenceProbe);
         FrameReader frames = video.frames(FrameRequest.builder().startSeconds(start).build())) {
      while (frames.next()) {
        VideoFrame f = frames.get();
        out.add(f.frameIndex() + " " + f.pts() + " " + f.keyFrame() + " " + Arrays.hashCode(f.data()));
      }
      out.add("decoded " + frames.framesDecoded());
    }
    return out;
  }
}
